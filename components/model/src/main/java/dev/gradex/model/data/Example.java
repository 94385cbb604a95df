package dev.gradex.model.data;

/**
 * One record of a task file. Language-modelling records have a prompt and a completion (loss on the
 * completion only); classification records have a text and an integer label.
 *
 * @param id stable example id (the record's {@code id}, else {@code <task>/<line number>})
 * @param task the task the example belongs to
 * @param prompt prompt text (LM), else null
 * @param completion completion text (LM), else null
 * @param text input text (classification), else null
 * @param label gold label index (classification), else -1
 */
public record Example(
    String id, String task, String prompt, String completion, String text, int label) {
  /** Whether this is a classification record. */
  public boolean isClassification() {
    return text != null;
  }

  /** A language-modelling example. */
  public static Example lm(String id, String task, String prompt, String completion) {
    return new Example(id, task, prompt, completion, null, -1);
  }

  /** A classification example. */
  public static Example classification(String id, String task, String text, int label) {
    return new Example(id, task, null, null, text, label);
  }
}
