package dev.gradex.model.gguf;

/** The GGUF metadata value types, by on-disk id. */
public enum GgufValueType {
  UINT8,
  INT8,
  UINT16,
  INT16,
  UINT32,
  INT32,
  FLOAT32,
  BOOL,
  STRING,
  ARRAY,
  UINT64,
  INT64,
  FLOAT64;

  /** The type with on-disk id {@code id}, or null if the id is unknown. */
  public static GgufValueType byId(int id) {
    GgufValueType[] all = values();
    return id >= 0 && id < all.length ? all[id] : null;
  }
}
