/**
 * Tokenisation through DJL's binding of Hugging Face tokenizers, reading {@code tokenizer.json}
 * offline. A file that does not parse is an error naming it. Uses only DJL and gradex-core.
 */
package dev.gradex.model.tokenizer;
