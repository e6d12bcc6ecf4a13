package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.params.TrainParams;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The service keeps every queued and running job but only the finished ones that ended last
 * ({@code maskflow.trainer.finished-jobs-kept}, 100 by default): before, every job of the process stayed.
 */
class TrainingJobsKeptTest {

    private static TrainingJob finished(TrainingService service, String step) {
        TrainingJob job = service.stepJob("run", step, TrainParams.DEFAULTS);
        job.running();
        job.succeeded(Map.of());
        return job;
    }

    private static List<String> ids(TrainingService service) {
        return ids(service.jobs());
    }

    private static List<String> ids(Collection<TrainingJob> jobs) {
        return jobs.stream().map(TrainingJob::id).toList();
    }

    @Test
    void onlyTheHundredFinishedJobsThatEndedLastStayAndQueuedOrRunningOnesAllDo() {
        TrainingService service = new TrainingService();
        TrainingJob queued = service.stepJob("run", "queued", TrainParams.DEFAULTS);
        TrainingJob running = service.stepJob("run", "running", TrainParams.DEFAULTS);
        running.running();
        List<TrainingJob> ended = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            ended.add(finished(service, "s" + i));
        }
        // one that started early but ends last counts as the most recent: finish time, not start time, decides
        TrainingJob lateFailure = service.stepJob("run", "late", TrainParams.DEFAULTS);
        lateFailure.running();
        TrainingJob lastRunning = service.stepJob("run", "last", TrainParams.DEFAULTS);
        lastRunning.running();
        lateFailure.failed("pretend: the store went away");

        // 3 not ended, and of the 106 ended the 100 that ended last: s6 ... s104 and the late failure
        assertThat(ids(service)).hasSize(103).contains("run/queued", "run/running", "run/last", "run/late")
                .containsAll(ids(ended.subList(6, 105))).doesNotContainAnyElementsOf(ids(ended.subList(0, 6)));
        assertThat(service.job("run/s5")).isEmpty();
        assertThat(service.job("run/s6")).containsSame(ended.get(6));
        assertThat(service.job("run/queued")).containsSame(queued);
        assertThat(service.job("run/running")).containsSame(running);
    }

    @Test
    void theSettingIsHowManyFinishedJobsStayAndZeroKeepsOnlyTheUnfinished() {
        TrainingService service = new TrainingService();
        service.finishedJobsKept = 2;
        TrainingJob running = service.stepJob("run", "running", TrainParams.DEFAULTS);
        running.running();
        finished(service, "a");
        finished(service, "b");
        finished(service, "c");
        assertThat(ids(service)).containsExactlyInAnyOrder("run/running", "run/b", "run/c");

        // a lower setting takes effect at the next registration
        service.finishedJobsKept = 0;
        service.stepJob("run", "queued", TrainParams.DEFAULTS);
        assertThat(ids(service)).containsExactlyInAnyOrder("run/running", "run/queued");
    }

    @Test
    void jobsEndingAndStartingOnSeveralThreadsNeverDropOneThatRuns() throws Exception {
        TrainingService service = new TrainingService();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<TrainingJob>>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String thread = "t" + t;
                running.add(threads.submit(() -> {
                    List<TrainingJob> stillRunning = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        TrainingJob job = service.stepJob(thread, "s" + i, TrainParams.DEFAULTS);
                        job.running();
                        if (i % 30 == 0) {
                            stillRunning.add(job);
                        } else {
                            job.succeeded(Map.of());
                        }
                    }
                    return stillRunning;
                }));
            }
            List<TrainingJob> all = new ArrayList<>();
            for (Future<List<TrainingJob>> f : running) {
                all.addAll(f.get());
            }
            assertThat(ids(service)).containsAll(ids(all));
            assertThat(service.jobs().stream().filter(j -> j.status() == TrainingJob.Status.SUCCEEDED).count())
                    .isEqualTo(100);
        } finally {
            threads.shutdownNow();
        }
    }
}
