package dev.gradex.core.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store file that is a symbolic link is refused, even when the link leads to the very bytes the
 * manifest's digest expects: opening a store never reads a file outside its directory.
 */
class StoreLinksTest {
  @TempDir Path tmp;

  @Test
  void featuresFileLinkedFromOutside_isRefusedNamingTheLink() throws Exception {
    Path store = tmp.resolve("store");
    Fixtures.write(store);
    String name = Split.TRAIN.featuresFile();
    Path outside = Files.move(store.resolve(name), tmp.resolve("elsewhere.f32"));
    Files.createSymbolicLink(store.resolve(name), outside);

    assertThatThrownBy(() -> GradientStore.open(store).close())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            store.resolve(name)
                + ": is a symbolic link (to "
                + outside
                + "); a gradient store holds regular files only");
  }

  @Test
  void manifestLinkedFromOutside_isRefused() throws Exception {
    Path store = tmp.resolve("store");
    Fixtures.write(store);
    Path outside = Files.move(store.resolve(StoreManifest.FILE), tmp.resolve("m.json"));
    Files.createSymbolicLink(store.resolve(StoreManifest.FILE), outside);

    assertThatThrownBy(() -> GradientStore.open(store).close())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("manifest.json: is a symbolic link (to " + outside + ")");
  }
}
