package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.orchestrator.retention.RetentionPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code maskflow}: the command line of the orchestrator's REST API.
 * <pre>
 * maskflow pipelines
 * maskflow submit &lt;pipeline&gt; [-p name=value]... [--run-id ID] [--follow]
 * maskflow runs [--status S] [--pipeline P] [--all]
 * maskflow run &lt;runId&gt; [--follow [--stall D] [--plain|--live] [--cpu]]
 * maskflow cancel &lt;runId&gt;
 * maskflow compare &lt;runId&gt; &lt;runId&gt;...
 * maskflow delete &lt;runId&gt; [--dry-run]
 * maskflow retention [--apply] [--max-age D] [--keep-last N] [--pipeline P]
 * maskflow logs &lt;runId&gt; [step] [--attempt N]
 * maskflow predict &lt;image&gt;
 * maskflow upload &lt;folder or zip&gt;
 * maskflow download &lt;runId&gt; &lt;output&gt; [-o FILE | --layout DIR]
 * </pre>
 * Each command reads its arguments strictly ({@link CliArgs}): a wrong one is a usage error before anything is sent.
 * The orchestrator is {@code MASKFLOW_URL} (default http://127.0.0.1:8080), serving {@code MASKFLOW_SERVING_URL}
 * (default http://127.0.0.1:8085); the API token is {@code MASKFLOW_TOKEN} or the token file ({@link CliToken}).
 */
public final class Cli {

    static final String USAGE = String.join("\n",
            "usage: maskflow <command>",
            "  pipelines                                   the pipelines and their parameters",
            "  submit <pipeline> [-p name=value]... [--run-id ID] [--follow]",
            "                                              start a run (values are JSON: 3, 0.01, true, [1,2], text)",
            "  runs [--status S] [--pipeline P] [--all]    the runs, newest first (the newest 20; --all: every one)",
            "  run <runId> [--follow [--stall D] [--plain|--live] [--cpu]]",
            "                                              one run; --follow draws it live until it ends (one",
            "                                              stream of events; --stall 10m gives up after that long",
            "                                              without progress; --plain appends lines instead, --live",
            "                                              redraws; --cpu prints the follower's CPU use); submit",
            "                                              --follow takes the same",
            "  cancel <runId>                              cancel a run",
            "  compare <runId> <runId>...                  runs side by side: parameters, figures, curves",
            "  delete <runId> [--dry-run]                  delete a finished run and what only it uses (admin)",
            "  retention [--apply] [--max-age D] [--keep-last N] [--pipeline P]",
            "                                              what the retention policy deletes (--apply: delete it;",
            "                                              admin); --max-age/--keep-last try another policy",
            "  logs <runId> [step] [--attempt N]           the log lines of a run's steps",
            "  predict <image>                             ask serving what a photo shows",
            "  upload <folder or zip>                      send a data set in the competition layout to the store;",
            "                                              prints the key to give a pipeline as -p dataset=KEY",
            "  upload --abandon <id>                       give up an upload that will not be finished: delete the",
            "                                              files it stored (a complete data set is kept)",
            "  download <runId> <output> [-o FILE]         fetch a run's output (submission, report, reportPage,",
            "                                              model, or <step>.<output>); -o a folder: into it; an",
            "                                              existing file is replaced",
            "  download <runId> <output> --layout DIR      the data set an output belongs to (generate.dataset),",
            "                                              unpacked into DIR (new or empty) in the competition layout",
            ScheduleCommand.USAGE,
            "options: --name=value is --name value, a switch takes =true or =false, and -- ends the options",
            "environment: MASKFLOW_URL (orchestrator), MASKFLOW_SERVING_URL (serving), MASKFLOW_TOKEN (the API",
            "             token; else the file MASKFLOW_TOKEN_FILE, else .maskflow/token written by the local stack)");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String orchestrator;
    private final String serving;
    private final PrintStream out;
    private final CliToken token;
    private final Map<String, String> env;

    public Cli(String orchestrator, String serving, PrintStream out) {
        this(orchestrator, serving, out, CliToken.none(), System.getenv());
    }

    Cli(String orchestrator, String serving, PrintStream out, CliToken token, Map<String, String> env) {
        this.token = token;
        this.env = env;
        this.orchestrator = orchestrator.replaceAll("/+$", "");
        this.serving = serving.replaceAll("/+$", "");
        this.out = out;
    }

    public static void main(String[] args) {
        String url = CliSettings.setting(System.getenv(), "MASKFLOW_URL", CliSettings.ORCHESTRATOR);
        String servingUrl = CliSettings.setting(System.getenv(), "MASKFLOW_SERVING_URL", CliSettings.SERVING);
        CliToken token;
        try {
            token = CliToken.resolve(System.getenv(), Path.of(System.getProperty("maskflow.token-file",
                    ".maskflow/token")));
        } catch (java.io.UncheckedIOException e) {
            System.out.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new Cli(url, servingUrl, System.out, token, System.getenv()).run(args));
    }

    /** Runs one command; returns the exit code (0 ok, 1 the server said no or the run failed, 2 bad usage). */
    public int run(String... args) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0]) && args.length == 1) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        // a usage error prints the usage of the command (of a schedule's verb); so does --help after it
        String command = args[0].equals("schedule") && args.length > 1 ? "schedule " + args[1] : args[0];
        List<String> options = List.of(args).subList(0, List.of(args).contains("--") ? List.of(args).indexOf("--")
                : args.length);
        if ((options.contains("--help") || options.contains("-h")) && CliArgs.usageOf(USAGE, command) != null) {
            out.println(CliArgs.usageOf(USAGE, command));
            return 0;
        }
        CliArgs a;
        RunFollower.Options follow;
        try {
            a = CliArgs.parse(args);
            follow = a.command().equals("run") || a.command().equals("submit") ? followOptions(a) : null;
        } catch (IllegalArgumentException e) {
            return usage(command, e.getMessage());
        }
        Optional<String> setup = a.command().equals("help") ? Optional.empty()
                : setupProblem(args[0].equals("predict"));
        if (setup.isPresent()) {
            out.println("error: " + setup.get());
            return 2;
        }
        try {
            return switch (a.command()) {
                case "pipelines" -> pipelines();
                case "submit" -> submit(a, follow);
                case "runs" -> runs(a);
                case "run" -> showRun(a.positional(0), follow);
                case "cancel" -> cancel(a.positional(0));
                case "compare" -> compare(a.positionals());
                case "delete" -> delete(a.positional(0), a.has("--dry-run"));
                case "retention" -> retention(a);
                case "logs" -> logs(a.positional(0), a.positional(1), a.value("--attempt"));
                case "predict" -> predict(Path.of(a.positional(0)));
                case "upload" -> upload(a);
                case "download" -> download(a);
                case "help" -> help(a.positional(0));
                default -> new ScheduleCommand(http, orchestrator, out, token).run(a);
            };
        } catch (IllegalArgumentException e) {
            return usage(command, e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            out.println("error: " + e.getMessage());
            return 1;
        } catch (HttpAnswers.Unusable e) {
            out.println("error: " + e.getMessage());
            return 1;
        } catch (FileSystemException e) {
            out.println("error: " + LocalFiles.problem(e, args[0].equals("download")));
            return 1;
        } catch (java.util.zip.ZipException e) {
            // a local zip the command read (or wrote) is at fault, not the network: it was "cannot reach ..."
            out.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            // predict asks serving alone; every other command the orchestrator
            boolean predict = args[0].equals("predict");
            out.println("error: cannot reach " + (predict ? serving : orchestrator) + ": " + HttpAnswers.why(e)
                    + (predict ? " (is serving running?)" : " (is the orchestrator running?)"));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** {@code help [command]}: the usage, or a command's. */
    private int help(String command) {
        String usage = command == null ? USAGE : CliArgs.usageOf(USAGE, command);
        if (usage == null) {
            return usage(command, "unknown command '" + command + "'");
        }
        out.println(usage);
        return 0;
    }

    private int download(CliArgs a) throws IOException, InterruptedException {
        if (a.value("--layout") != null && a.value("-o") != null) {
            throw new IllegalArgumentException("download takes -o FILE or --layout DIR, not both");
        }
        return a.value("--layout") != null ? downloads().layout(a.positional(0), a.positional(1),
                Path.of(a.value("--layout"))) : downloads().file(a.positional(0), a.positional(1), a.value("-o"));
    }

    private int upload(CliArgs a) throws IOException, InterruptedException {
        DatasetUploader uploader = new DatasetUploader(http, orchestrator, out, token);
        String abandon = a.value("--abandon");
        if (abandon != null && a.positional(0) != null) {
            throw new IllegalArgumentException("upload takes a folder or zip, or --abandon with an upload's id; not "
                    + "both");
        }
        if (abandon == null && a.positional(0) == null) {
            throw new IllegalArgumentException("upload needs a folder or a zip");
        }
        return abandon != null ? uploader.abandon(abandon) : uploader.upload(Path.of(a.positional(0)));
    }

    /**
     * What keeps every request from going out, said in one line: an address that is not an http(s) URL
     * ({@code MASKFLOW_URL}, or {@code MASKFLOW_SERVING_URL} for predict), or a token a header cannot carry.
     */
    private Optional<String> setupProblem(boolean predict) {
        Optional<String> url = predict ? CliSettings.urlProblem("MASKFLOW_SERVING_URL", serving, CliSettings.SERVING)
                : CliSettings.urlProblem("MASKFLOW_URL", orchestrator, CliSettings.ORCHESTRATOR);
        return url.isPresent() ? url : token.problem();
    }

    /** A usage error: the problem, then the usage of the command (all of it for an unknown command). */
    private int usage(String command, String problem) {
        out.println("error: " + problem);
        String usage = CliArgs.usageOf(USAGE, command);
        out.println(usage != null ? usage : USAGE);
        return 2;
    }

    private int pipelines() throws IOException, InterruptedException {
        JsonNode list = call("GET", orchestrator + "/pipelines", null);
        if (list.has("error")) {
            out.println("error: " + list.path("error").asText());
            return 1;
        }
        for (JsonNode p : list) {
            out.printf("%s%n  %s%n", p.path("name").asText(), p.path("description").asText());
            p.path("parameters").fields().forEachRemaining(e -> out.printf("    %-14s %-8s default %-10s %s%n",
                    e.getKey(), e.getValue().path("type").asText(), e.getValue().path("defaultValue"),
                    e.getValue().path("description").asText()));
        }
        return 0;
    }

    private int submit(CliArgs a, RunFollower.Options follow) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", a.positional(0));
        body.put("parameters", a.parameters());
        body.put("requestedBy", "cli");
        String runId = a.value("--run-id");
        if (runId != null) {
            body.put("runId", runId);
        }
        JsonNode run = call("POST", orchestrator + "/runs", json.writeValueAsString(body));
        if (run.has("error")) {
            out.println("rejected: " + a.shown(run.path("error").asText()));
            return 1;
        }
        out.println("run " + run.path("runId").asText() + " " + run.path("status").asText());
        if (run.hasNonNull("message")) {
            out.println(a.shown(run.path("message").asText()));
        }
        if (follow == null) {
            return 0;
        }
        int code = show(run.path("runId").asText(), follow);
        if (code == 0) {
            summary(run.path("runId").asText());
        }
        return code;
    }

    /** A run's steps and, once it has succeeded, its report's figures (the headline first). */
    private int showRun(String runId, RunFollower.Options follow) throws IOException, InterruptedException {
        int code = show(runId, follow);
        JsonNode run = call("GET", orchestrator + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8), null);
        if (code == 0 && "SUCCEEDED".equals(run.path("status").asText())) {
            summary(runId);
        }
        return code;
    }

    /** The figures of a finished run's report and where its submission is. */
    private void summary(String runId) throws IOException, InterruptedException {
        JsonNode run = call("GET", orchestrator + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8), null);
        String reportSource = run.path("outputSources").path("report").asText("");
        if (reportSource.contains(".")) {
            HttpResponse<String> response = http.send(request(artifactUrl(runId, reportSource))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                out.print(RunView.reportSummary(HttpAnswers.json(json, response, HttpAnswers.ORCHESTRATOR)));
            }
        }
        if (run.path("outputs").has("submission")) {
            out.printf("submission: %s  (./maskflow download %s submission)%n", run.path("outputs")
                    .path("submission").path("key").asText(), runId);
        }
    }

    private String artifactUrl(String runId, String source) {
        return DownloadCommand.outputUrl(orchestrator, runId, "artifacts", source);
    }

    /**
     * The runs, newest first: the orchestrator's first page (20), or with {@code --all} every page. It said only
     * "22 run(s)" under the newest 20, and the others could not be listed.
     */
    private int runs(CliArgs a) throws IOException, InterruptedException {
        List<String> query = new ArrayList<>();
        addQuery(query, "status", a.value("--status"));
        addQuery(query, "pipeline", a.value("--pipeline"));
        boolean all = a.has("--all");
        int shown = 0;
        int total = 0;
        for (int number = 0;; number++) {
            List<String> pageQuery = new ArrayList<>(query);
            if (all) {
                pageQuery.add("page=" + number);
                pageQuery.add("size=500");
            }
            JsonNode page = call("GET", orchestrator + "/runs" + (pageQuery.isEmpty() ? "" : "?"
                    + String.join("&", pageQuery)), null);
            if (page.has("error")) {
                out.println("error: " + page.path("error").asText());
                return 1;
            }
            if (number == 0) {
                out.printf("%-26s %-16s %-10s %-24s %s%n", "RUN", "PIPELINE", "STATUS", "CREATED", "STEPS");
            }
            for (JsonNode run : page.path("runs")) {
                List<String> steps = new ArrayList<>();
                run.path("steps").fields().forEachRemaining(e -> steps.add(e.getKey() + ":"
                        + e.getValue().asText().toLowerCase()));
                out.printf("%-26s %-16s %-10s %-24s %s%n", run.path("runId").asText(), run.path("pipeline").asText(),
                        run.path("status").asText(), run.path("createdAt").asText(), String.join(" ", steps));
            }
            shown += page.path("runs").size();
            total = page.path("total").asInt();
            if (!all || page.path("runs").isEmpty() || shown >= total) {
                break;
            }
        }
        out.println(shown < total ? "the newest " + shown + " of " + total + " run(s); --all lists every one"
                : total + " run(s)");
        return 0;
    }

    /** Prints a run once, or follows it live when {@code follow} is given; the exit code says how it ended. */
    private int show(String runId, RunFollower.Options follow) throws IOException, InterruptedException {
        if (follow != null) {
            return new RunFollower(http, this::request, json, out, orchestrator, Clock.systemUTC())
                    .follow(runId, follow);
        }
        JsonNode run = call("GET", orchestrator + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8), null);
        if (run.has("error")) {
            out.println("error: " + run.path("error").asText());
            return 1;
        }
        out.print(RunView.render(run));
        String status = run.path("status").asText();
        return RunFollower.FINAL.contains(status) && !"SUCCEEDED".equals(status) ? 1 : 0;
    }

    /**
     * How {@code --follow} follows, or null without it: {@code --stall D} (default 10m, or MASKFLOW_STALL) gives up
     * after that long without a change; {@code --plain} appends lines even on a terminal, {@code --live} redraws
     * even when the output does not look like one; {@code --cpu} reports the follower's own CPU use at the end.
     */
    private RunFollower.Options followOptions(CliArgs a) {
        if (!a.has("--follow")) {
            List<String> without = List.of("--stall", "--plain", "--live", "--cpu").stream().filter(a::given).toList();
            if (!without.isEmpty()) {
                throw new IllegalArgumentException(String.join(" and ", without) + (without.size() == 1 ? " goes"
                        : " go") + " with --follow");
            }
            return null;
        }
        if (a.has("--plain") && a.has("--live")) {
            throw new IllegalArgumentException("--plain and --live say the opposite: give one of them");
        }
        String stall = a.value("--stall");
        String stallFrom = "--stall";
        if (stall == null) {
            stall = CliSettings.setting(env, "MASKFLOW_STALL", "10m");
            stallFrom = "MASKFLOW_STALL";
        }
        boolean terminal = a.has("--live") || !a.has("--plain") && System.console() != null
                && !"dumb".equals(env.get("TERM"));
        int columns = 120;
        try {
            columns = Integer.parseInt(System.getProperty("maskflow.columns", CliSettings.setting(env, "COLUMNS",
                    "120")).trim());
        } catch (NumberFormatException e) {
            // keep 120
        }
        return new RunFollower.Options(RetentionPolicy.duration(stall, stallFrom), Duration.ofSeconds(60), terminal,
                columns, a.has("--cpu"));
    }

    /** Runs side by side: parameters (differences marked), report figures per head and class, curves. */
    private int compare(List<String> runIds) throws IOException, InterruptedException {
        List<RunComparison.Compared> runs = new ArrayList<>();
        for (String runId : runIds) {
            JsonNode run = call("GET", orchestrator + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8),
                    null);
            if (run.has("error")) {
                out.println("error: " + run.path("error").asText());
                return 1;
            }
            runs.add(new RunComparison.Compared(run, report(runId, run)));
        }
        out.print(RunComparison.render(runs));
        return 0;
    }

    /** A run's evaluation report (its {@code report} output), or null when it has none. */
    private JsonNode report(String runId, JsonNode run) throws IOException, InterruptedException {
        String source = run.path("outputSources").path("report").asText("");
        if (!source.contains(".") || !run.path("outputs").has("report")) {
            return null;
        }
        HttpResponse<String> response = http.send(request(artifactUrl(runId, source))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? HttpAnswers.json(json, response, HttpAnswers.ORCHESTRATOR) : null;
    }

    private int cancel(String runId) throws IOException, InterruptedException {
        JsonNode run = call("DELETE", orchestrator + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8),
                null);
        if (run.has("error")) {
            out.println("error: " + run.path("error").asText());
            return 1;
        }
        out.println("run " + runId + " " + run.path("status").asText());
        return 0;
    }

    private int delete(String runId, boolean dryRun) throws IOException, InterruptedException {
        JsonNode plan = call("POST", orchestrator + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8)
                + "/delete" + (dryRun ? "?dryRun=true" : ""), null);
        if (plan.has("error")) {
            out.println("error: " + plan.path("error").asText());
            return 1;
        }
        printPlan(plan);
        return 0;
    }

    private int retention(CliArgs a) throws IOException, InterruptedException {
        List<String> query = new ArrayList<>();
        addQuery(query, "maxAge", a.value("--max-age"));
        addQuery(query, "keepLast", a.value("--keep-last"));
        addQuery(query, "pipeline", a.value("--pipeline"));
        JsonNode plan = call(a.has("--apply") ? "POST" : "GET", orchestrator + "/retention"
                + (query.isEmpty() ? "" : "?" + String.join("&", query)), null);
        if (plan.has("error")) {
            out.println("error: " + plan.path("error").asText());
            return 1;
        }
        out.println("policy: " + plan.path("policy").asText());
        printPlan(plan);
        return 0;
    }

    /** A deletion plan or what was deleted: each run with why, what goes and what stays. */
    private void printPlan(JsonNode plan) {
        boolean dryRun = plan.path("dryRun").asBoolean();
        for (JsonNode run : plan.path("runs")) {
            out.printf("%s %s  %s %s  %d object(s), %s  (%s)%n", dryRun ? "would delete" : "deleted",
                    run.path("runId").asText(), run.path("pipeline").asText(), run.path("status").asText(),
                    run.path("objects").asLong(), ProgressBar.size(run.path("bytes").asLong()),
                    run.path("why").asText());
            for (JsonNode prefix : run.path("prefixes")) {
                out.println("    " + (dryRun ? "would remove " : "removed ") + prefix.asText());
            }
            for (JsonNode kept : run.path("kept")) {
                out.println("    kept " + kept.path("prefix").asText() + ": " + kept.path("reason").asText());
            }
        }
        for (JsonNode skipped : plan.path("skipped")) {
            out.println("kept run " + skipped.path("runId").asText() + ": " + skipped.path("reason").asText());
        }
        out.printf("%s %d run(s), %d object(s), %s%n", dryRun ? "would delete" : "deleted", plan.path("runs").size(),
                plan.path("objects").asLong(), ProgressBar.size(plan.path("bytes").asLong()));
    }

    private int logs(String runId, String step, String attempt) throws IOException, InterruptedException {
        String base = orchestrator + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8) + "/logs";
        List<String> steps = new ArrayList<>();
        if (step != null) {
            steps.add(step);
        } else {
            JsonNode list = call("GET", base, null);
            if (list.has("error")) {
                out.println("error: " + list.path("error").asText());
                return 1;
            }
            for (JsonNode log : list.path("logs")) {
                if (!steps.contains(log.path("step").asText())) {
                    steps.add(log.path("step").asText());
                }
            }
            if (steps.isEmpty()) {
                out.println("run " + runId + " has no step logs (yet)");
                return 0;
            }
        }
        for (String id : steps) {
            HttpResponse<String> response = http.send(request(base + "/" + URLEncoder.encode(id,
                    StandardCharsets.UTF_8) + (attempt == null ? "" : "?attempt=" + URLEncoder.encode(attempt,
                    StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30))
                    .header("Accept", "text/plain, application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                out.println("error: " + HttpAnswers.reason(response, HttpAnswers.ORCHESTRATOR));
                return 1;
            }
            out.print(TerminalText.safe(response.body()));
        }
        return 0;
    }

    private int predict(Path image) throws IOException, InterruptedException {
        if (!Files.isRegularFile(image)) {
            throw new IllegalArgumentException((Files.isDirectory(image) ? "a folder: " : !Files.exists(image)
                    ? "no such file: " : LocalFiles.notRegular(image) + ": ") + image);
        }
        String type = image.toString().toLowerCase().endsWith(".png") ? "image/png" : "image/jpeg";
        byte[] photo = Files.readAllBytes(image); // read here, so that a file that cannot be read says so
        HttpResponse<String> response = http.send(request(serving + "/predict")
                .timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            out.println("error: " + HttpAnswers.reason(response, HttpAnswers.SERVING));
            return 1;
        }
        HttpAnswers.json(json, response, HttpAnswers.SERVING);
        out.println(response.body());
        return 0;
    }

    private DownloadCommand downloads() {
        return new DownloadCommand(http, orchestrator, out, token, runId -> call("GET", orchestrator + "/runs/"
                + URLEncoder.encode(runId, StandardCharsets.UTF_8), null));
    }

    /** A request with the API token, when there is one. */
    private HttpRequest.Builder request(String url) {
        return token.authorize(HttpRequest.newBuilder(URI.create(url)));
    }

    /**
     * A request to the orchestrator and its JSON answer: a success's, or an error's with the server's reason in
     * {@code error}; anything else ends the command ({@link HttpAnswers}).
     */
    private JsonNode call(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(url).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HttpAnswers.json(json, http.send(request.build(), HttpResponse.BodyHandlers.ofString()),
                HttpAnswers.ORCHESTRATOR);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    private static void addQuery(List<String> query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
