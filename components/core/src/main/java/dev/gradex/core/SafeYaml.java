package dev.gradex.core;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one factory for every YAML GradEx reads (run.yaml, watch.yaml, sources.yaml, KFP pipeline
 * YAML): plain data only. Jackson reads YAML through SnakeYAML's event parser, never its object
 * constructor, so no tag ever instantiates a class; but it would silently read {@code !!any.Class
 * [x]} as {@code [x]} and an alias {@code *a} as the string {@code "a"}. Both are refused here
 * instead, naming the line and column: GradEx files need neither, and an alias refused outright is
 * also the limit that defuses alias bombs ("billion laughs"). SnakeYAML's {@code LoaderOptions} are
 * set explicitly: a document longer than {@link #CODE_POINT_LIMIT} code points is refused while it
 * is read, before it is held in memory.
 */
public final class SafeYaml {
  /** The largest document read, in code points (4 Mi; the compiled pipeline is about 44 Ki). */
  public static final int CODE_POINT_LIMIT = 4 * 1024 * 1024;

  private SafeYaml() {}

  /** A factory with the safe reading settings and Jackson's defaults otherwise. */
  public static YAMLFactory factory() {
    return factory(UnaryOperator.identity());
  }

  /** A factory with the safe reading settings and {@code customize}'s (generator) settings. */
  public static YAMLFactory factory(UnaryOperator<YAMLFactoryBuilder> customize) {
    return new PlainDataFactory(customize.apply(YAMLFactory.builder().loaderOptions(options())));
  }

  /** The SnakeYAML options, set explicitly rather than left to the library's defaults. */
  static LoaderOptions options() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(CODE_POINT_LIMIT);
    o.setAllowDuplicateKeys(false);
    o.setAllowRecursiveKeys(false);
    o.setNestingDepthLimit(100);
    // Not consulted by Jackson's event parser (aliases are refused by PlainDataParser instead);
    // set so that no path through SnakeYAML could expand one.
    o.setMaxAliasesForCollections(0);
    return o;
  }

  /** Creates {@link PlainDataParser}s, and keeps doing so in copies. */
  private static final class PlainDataFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    PlainDataFactory(YAMLFactoryBuilder b) {
      super(b);
    }

    private PlainDataFactory(PlainDataFactory src) {
      super(src, null);
    }

    @Override
    public YAMLFactory copy() {
      return new PlainDataFactory(this);
    }

    @Override
    protected YAMLParser _createParser(InputStream in, IOContext ctxt) throws IOException {
      return parser(_createReader(in, null, ctxt), ctxt);
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
      return parser(r, ctxt);
    }

    @Override
    protected YAMLParser _createParser(
        char[] data, int offset, int len, IOContext ctxt, boolean recyclable) throws IOException {
      return parser(new CharArrayReader(data, offset, len), ctxt);
    }

    @Override
    protected YAMLParser _createParser(byte[] data, int offset, int len, IOContext ctxt)
        throws IOException {
      return parser(_createReader(data, offset, len, null, ctxt), ctxt);
    }

    private YAMLParser parser(Reader r, IOContext ctxt) {
      return new PlainDataParser(
          ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }
  }

  /** Refuses every explicit tag and every alias. */
  private static final class PlainDataParser extends YAMLParser {
    PlainDataParser(
        IOContext ctxt, int features, int yamlFeatures, LoaderOptions o, ObjectCodec c, Reader r) {
      super(ctxt, features, yamlFeatures, o, c, r);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken t = super.nextToken();
      if (t != null && isCurrentAlias()) {
        throw new JsonParseException(
            this,
            "YAML alias *"
                + getText()
                + " is not allowed (aliases are refused, which also stops alias bombs):"
                + " write the value out");
      }
      if (t != null && t != JsonToken.FIELD_NAME && getTypeId() != null) {
        throw new JsonParseException(
            this, "YAML tag '" + getTypeId() + "' is not allowed: only plain data is read");
      }
      return t;
    }
  }
}
