import io.memqa.data.Question;
import io.memqa.data.SquadQuestionReader;
import io.memqa.reader.TrainOptions;
import io.memqa.reader.TrainingSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The questions of the trainer's held-out training articles: what the hybrid benches fit and choose on, never dev. */
final class HeldOut {
  private HeldOut() {}

  /** Up to {@code limit} held-out questions of a SQuAD training file, in file order. */
  static List<Question> questions(Path train, int limit) throws IOException {
    List<Question> questions = new ArrayList<>();
    TrainOptions split = TrainOptions.defaults();
    try (SquadQuestionReader r = new SquadQuestionReader(train)) {
      while (r.hasNext() && questions.size() < limit) {
        Question q = r.next();
        if (q.passageId() != null && TrainingSet.isHeldOut(q.passageId(), split)) {
          questions.add(q);
        }
      }
    }
    System.err.printf("%d held-out training questions%n", questions.size());
    return questions;
  }
}
