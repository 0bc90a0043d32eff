package io.memqa.eval;

import io.memqa.data.Question;
import io.memqa.qa.Answers;
import java.io.IOException;

/** Something that answers questions: the pipeline in this process, or a running service. */
public interface Answerer {
  Answers answer(Question question) throws IOException;
}
