package io.maskflow.orchestrator.definitions;

import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Texts;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.CueTable;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.EvaluateParams;
import io.maskflow.contracts.params.InvalidParametersException;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.run.OutputRef;
import io.maskflow.contracts.run.RunSpec;
import io.maskflow.contracts.run.StepSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a resolved run against what its steps will make of their parameters and data sets, when the run is
 * submitted: a request that a later step would refuse only after minutes of generating, preprocessing or training,
 * or that gives parameters no step of the run reads, is refused at once, naming the parameter, its value and what
 * is allowed. Called by {@link DefinitionResolver#resolve}, so a {@code POST /runs} gets a 400, a run request on
 * Kafka becomes a {@code REJECTED} run with the same reason, and a schedule is refused when it is created.
 */
final class RunChecks {

    /**
     * The generator's 0/1 drawing values, the only ones the trainer's {@code balanceCue} takes; the others (jaw,
     * brows, ageing, hairline) are fractions, which the trainer refuses once it has read them.
     */
    static final List<String> BALANCE_CUES = CueTable.FLAGS;
    /** Where a step reads a run parameter: {@code ${params.persons}}, {@code params.dataset}, {@code !params.x}. */
    private static final Pattern READ = Pattern.compile("\\bparams\\.([A-Za-z][A-Za-z0-9_]*)");
    /** A step parameter that is exactly one run parameter, {@code ${params.persons}}. */
    private static final Pattern WHOLE = Pattern.compile("\\$\\{params\\.([A-Za-z][A-Za-z0-9_.]*)}");
    /** The most characters of a value a message quotes. */
    private static final int SHOWN = 200;

    private final PipelineDefinition def;
    private final Map<String, Object> given;
    private final Map<String, Object> values;
    private final Set<String> skipped;
    private final Map<String, DatasetLocator.Found> datasets;
    private final List<StepSpec> steps;
    private final Map<String, StepDef> defined;

    /**
     * @param given the parameters the request gave (null for none), not their defaults
     * @param values every parameter's value, defaults included
     * @param skipped the ids (as defined) of the steps skipped by their {@code when}
     * @param datasets the data sets the set data set parameters name, by parameter
     * @param defined each resolved step's definition, by the resolved step's id
     */
    RunChecks(PipelineDefinition def, Map<String, Object> given, Map<String, Object> values, Set<String> skipped,
            Map<String, DatasetLocator.Found> datasets, List<StepSpec> steps, Map<String, StepDef> defined) {
        this.def = def;
        this.given = given == null ? Map.of() : given;
        this.values = values;
        this.skipped = skipped;
        this.datasets = datasets;
        this.steps = steps;
        this.defined = defined;
    }

    /** Throws a {@link DefinitionException} saying what is wrong with the first problem found. */
    void check() {
        parametersWithoutEffect();
        mixStyles();
        persons();
        imageSize();
        balanceCue();
        evalFolder();
    }

    /**
     * Parameters the request gives that only steps skipped for a data set read: the generator's {@code persons},
     * {@code style}, {@code mixStyles}, ... when {@code dataset} is set, so that no {@code generate} step runs. They
     * were taken and silently ignored. Defaults the request does not give are not looked at.
     */
    private void parametersWithoutEffect() {
        Set<String> read = new LinkedHashSet<>();
        def.steps().stream().filter(step -> !skipped.contains(step.id())).forEach(step -> read.addAll(reads(step)));
        Map<String, String> idle = new LinkedHashMap<>(); // a parameter given in vain -> the skipped step reading it
        String dataset = null;
        for (StepDef step : def.steps()) {
            String instead = skipped.contains(step.id()) ? datasetInstead(step) : null;
            for (String name : instead == null ? Set.<String>of() : reads(step)) {
                if (given.containsKey(name) && !read.contains(name)) {
                    idle.putIfAbsent(name, step.id());
                    dataset = instead;
                }
            }
        }
        if (idle.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(idle.keySet());
        names.sort(Comparator.comparing(new ArrayList<>(def.parameters().keySet())::indexOf));
        List<String> shown = names.stream().map(name -> "'" + name + "' (" + shown(given.get(name)) + ")").toList();
        boolean one = names.size() == 1;
        Set<String> readers = new LinkedHashSet<>(idle.values());
        throw new DefinitionException((one ? "parameter " : "parameters ") + String.join(", ", shown)
                + (one ? " has" : " have") + " no effect: only " + (readers.size() == 1 ? "step " : "steps ")
                + "'" + String.join("', '", readers) + "' " + (readers.size() == 1 ? "reads " : "read ")
                + (one ? "it" : "them") + ", which this run skips, since it trains on data set "
                + shown(values.get(dataset)) + " (parameter '" + dataset + "') instead of generating one; leave "
                + (one ? "it" : "them") + " out");
    }

    /**
     * A {@code mixStyles} given while no generate step of the run draws a mixed set: only {@code style} (or
     * {@code heldOutStyle}) {@code mixed} draws from it, so {@code style=classic mixStyles=painted,inked} drew classic
     * persons and said nothing.
     */
    private void mixStyles() {
        List<StepSpec> generates = of(StepType.DATAGEN);
        if (!given.containsKey("mixStyles") || generates.isEmpty() || generates.stream().anyMatch(step ->
                StepParameters.bind(step.parameters(), DatagenParams.DEFAULTS).style() == DatagenParams.Style.MIXED)) {
            return;
        }
        throw new DefinitionException("parameter 'mixStyles' (" + shown(given.get("mixStyles")) + ") has no effect: "
                + "only a mixed set draws from it, and " + named(generates.get(0), "style") + " is "
                + shown(StepParameters.bind(generates.get(0).parameters(), DatagenParams.DEFAULTS).style().id())
                + "; give style=mixed (or heldOutStyle=mixed, where the pipeline has it), or leave mixStyles out");
    }

    /** The data set parameter a step is skipped for ({@code when: "!params.dataset"} with it set), else null. */
    private String datasetInstead(StepDef step) {
        if (step.when() == null || !step.when().startsWith("!params.")) {
            return null;
        }
        String name = step.when().substring("!params.".length());
        return datasets.containsKey(name) ? name : null;
    }

    /** The run parameters a step reads anywhere: its id, parameters, inputs, loop, halving and condition. */
    private static Set<String> reads(StepDef step) {
        Set<String> names = new LinkedHashSet<>();
        collect(Arrays.asList(step.id(), step.parameters(), step.inputs(), step.forEachIn(), step.search(),
                step.halving(), step.when()), names);
        return names;
    }

    private static void collect(Object value, Set<String> names) {
        if (value instanceof String text) {
            Matcher m = READ.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, names));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, names));
        }
    }

    /**
     * A generated data set too small for the split its preprocess step makes and its train steps need: preprocess
     * holds out round(n x holdoutFraction) of the n persons of each gender x age group and deals the rest to the
     * folds in turn, and a train step needs a person in its validation fold and one in another fold to train on.
     * With fewer persons than that can ever give, the run failed in its train step, after generating and
     * preprocessing.
     */
    private void persons() {
        for (StepSpec preprocess : of(StepType.PREPROCESS)) {
            StepSpec generate = source(preprocess, "dataset", StepType.DATAGEN);
            StepSpec train = steps.stream().filter(s -> s.step() == StepType.TRAIN
                    && s.inputs().containsValue(preprocess.id() + ".shards"))
                    .max(Comparator.comparingInt(s -> train(s).validationFold())).orElse(null);
            if (generate == null || train == null) {
                continue;
            }
            PreprocessParams split = StepParameters.bind(preprocess.parameters(), PreprocessParams.DEFAULTS);
            int fold = train(train).validationFold();
            if (fold >= split.folds()) {
                continue; // no number of persons fills that fold; the trainer says so
            }
            int needed = Math.max(2, fold + 1); // persons out of the hold-out: folds 0 .. fold, and one more fold
            int least = leastPersons(needed, split.holdoutFraction());
            int persons = StepParameters.bind(generate.parameters(), DatagenParams.DEFAULTS).persons();
            if (fewestKept(persons, split.holdoutFraction()) < needed) {
                throw new DefinitionException(named(generate, "persons") + " is " + persons + ", fewer than the "
                        + least + " persons training needs: step '" + train.id() + "' validates on fold " + fold
                        + " and trains on the other folds, so at least " + needed + " persons must stay out of the "
                        + "hold-out, which takes round(n x " + split.holdoutFraction() + ") of the n persons of each "
                        + "gender x age group (holdoutFraction), whatever their genders and ages; give at least "
                        + Math.max(least, persons + 1));
            }
        }
    }

    /**
     * The fewest persons of which {@code needed} stay out of the hold-out however they fall into the gender x age
     * groups (the generator draws them at random): a group of s persons keeps s - round(s x holdoutFraction), as
     * preprocess rounds, so groups of 5 each hold one out at 0.1 where one group of 10 holds out only one. Taken
     * over the best spread instead, 10 persons in 10 folds were let through and the hold-out took one of them.
     */
    static int leastPersons(int needed, double holdoutFraction) {
        int persons = needed;
        while (fewestKept(persons, holdoutFraction) < needed) {
            persons++; // ends: a holdoutFraction of at most 0.5 keeps about half of every group
        }
        return persons;
    }

    /** The fewest of {@code persons} that stay out of the hold-out, over every spread of them over the groups. */
    static int fewestKept(int persons, double holdoutFraction) {
        int[] fewest = new int[persons + 1]; // fewest[p]: the fewest kept of p persons in the groups counted so far
        for (int p = 0; p <= persons; p++) {
            fewest[p] = kept(p, holdoutFraction); // all in the first group
        }
        for (int group = 1; group < Label.GROUPS; group++) {
            int[] next = new int[persons + 1];
            for (int p = 0; p <= persons; p++) {
                next[p] = Integer.MAX_VALUE;
                for (int inGroup = 0; inGroup <= p; inGroup++) {
                    next[p] = Math.min(next[p], fewest[p - inGroup] + kept(inGroup, holdoutFraction));
                }
            }
            fewest = next;
        }
        return fewest[persons];
    }

    /** How many of a group's persons preprocess's split does not hold out ({@code PersonSplit}). */
    private static int kept(int inGroup, double holdoutFraction) {
        return inGroup - (int) Math.round(inGroup * holdoutFraction);
    }

    /**
     * Images too small for a train step's network: preprocess's {@code imageSize} below the least its
     * {@code architecture} takes ({@link TrainParams.Architecture#requireImageSize}). The network failed to build or
     * to run its first batch in the train step, after the data had been generated and preprocessed (stem-cnn at 24
     * px with PyTorch's "Output size is too small", as an internal error, retried). The message is the contract's,
     * followed by where the two values come from when they are not simply the run's {@code imageSize} and
     * {@code architecture}.
     */
    private void imageSize() {
        for (StepSpec train : of(StepType.TRAIN)) {
            StepSpec preprocess = source(train, "shards", StepType.PREPROCESS);
            if (preprocess == null) {
                continue;
            }
            int size = StepParameters.bind(preprocess.parameters(), PreprocessParams.DEFAULTS).imageSize();
            try {
                train(train).architecture().requireImageSize(size);
            } catch (InvalidParametersException e) {
                String sizeFrom = named(preprocess, "imageSize");
                String architectureFrom = named(train, "architecture");
                boolean plain = sizeFrom.equals("parameter 'imageSize'")
                        && architectureFrom.equals("parameter 'architecture'");
                throw new DefinitionException(e.getMessage() + (plain ? "" : "; the size is " + sizeFrom
                        + ", the network " + architectureFrom), e);
            }
        }
    }

    /**
     * A {@code balanceCue} the trainer would refuse: on generated persons alone, a name that is not one of the
     * generator's 0/1 drawing values; on shards made only of data sets without drawing values ({@code
     * train/cues.csv}), any name, since the trainer would train unweighted. A data set's own {@code cues.csv} may
     * have other 0/1 columns: the trainer checks the name against the shards then.
     */
    private void balanceCue() {
        for (StepSpec step : of(StepType.TRAIN)) {
            String cue = train(step).balanceCue();
            StepSpec preprocess = source(step, "shards", StepType.PREPROCESS);
            if (cue.isEmpty() || preprocess == null) {
                continue;
            }
            if (onlyGenerated(preprocess) && !BALANCE_CUES.contains(cue)) {
                throw new DefinitionException(named(step, "balanceCue") + " is " + shown(cue) + ", which is not "
                        + "a drawing value the trainer can balance by: give one of the generator's 0/1 values "
                        + String.join(", ", BALANCE_CUES) + ", or leave it empty for none");
            }
            String without = withoutCues(preprocess);
            if (without != null) {
                throw new DefinitionException(named(step, "balanceCue") + " is " + shown(cue) + ", but data set "
                        + shown(values.get(without)) + " (parameter '" + without + "') has no drawing values (no "
                        + CueTable.TRAIN + "; generated data sets have them, photos of your own do not), so the "
                        + "training could not be balanced by it; leave balanceCue out");
            }
        }
    }

    /** Whether every input of a preprocess step is a data set the run's generator draws. */
    private boolean onlyGenerated(StepSpec preprocess) {
        return !preprocess.inputs().isEmpty() && preprocess.inputs().keySet().stream()
                .allMatch(input -> source(preprocess, input, StepType.DATAGEN) != null);
    }

    /**
     * The data set parameter a preprocess step takes its persons from when every input it has is a data set known to
     * have no {@code train/cues.csv}; null when any input may carry drawing values (generated persons, a data set
     * whose files are not known).
     */
    private String withoutCues(StepSpec preprocess) {
        String without = null;
        for (String source : preprocess.inputs().values()) {
            OutputRef ref = OutputRef.parse(source);
            DatasetLocator.Found data = ref.stepId().equals(RunSpec.PARAMS) ? datasets.get(ref.output()) : null;
            if (data == null || !data.lacks(CueTable.TRAIN)) {
                return null;
            }
            without = ref.output();
        }
        return without;
    }

    /**
     * An evaluate step that pseudo-labels the eval images of a data set that has no {@code eval/} folder: it failed
     * after training ({@code missing-eval-set}).
     */
    private void evalFolder() {
        for (StepSpec evaluate : of(StepType.EVALUATE)) {
            double threshold = StepParameters.bind(evaluate.parameters(), EvaluateParams.DEFAULTS)
                    .pseudoLabelThreshold();
            String source = evaluate.inputs().get("eval");
            if (threshold <= 0 || source == null) {
                continue;
            }
            OutputRef ref = OutputRef.parse(source);
            DatasetLocator.Found data = ref.stepId().equals(RunSpec.PARAMS) ? datasets.get(ref.output()) : null;
            if (data != null && data.lacks(CompetitionLayout.EVAL_CSV)) {
                throw new DefinitionException("parameter '" + ref.output() + "': data set "
                        + shown(values.get(ref.output())) + " has no eval/ folder (no " + CompetitionLayout.EVAL_CSV
                        + "), and step '" + evaluate.id() + "' pseudo-labels its eval images ("
                        + named(evaluate, "pseudoLabelThreshold") + " is " + threshold + "): give a data set with "
                        + CompetitionLayout.EVAL_CSV + " and " + CompetitionLayout.EVAL_IMAGES + ", or train on this "
                        + "one with a pipeline that does not pseudo-label, such as train-on-dataset");
            }
            StepSpec generate = source(evaluate, "eval", StepType.DATAGEN);
            if (generate != null && StepParameters.bind(generate.parameters(), DatagenParams.DEFAULTS)
                    .evalPersons() == 0) {
                // it ran through, trained once, pseudo-labelled nothing and skipped the retraining
                throw new DefinitionException(named(generate, "evalPersons") + " is 0, so there are no eval images "
                        + "for step '" + evaluate.id() + "' to pseudo-label (" + named(evaluate, "pseudoLabelThreshold")
                        + " is " + threshold + "): give at least 1");
            }
        }
    }

    private List<StepSpec> of(StepType type) {
        return steps.stream().filter(s -> s.step() == type).toList();
    }

    /** The step of {@code type} whose output a step's {@code input} takes, or null (another source, or none). */
    private StepSpec source(StepSpec step, String input, StepType type) {
        String source = step.inputs().get(input);
        if (source == null) {
            return null;
        }
        String id = OutputRef.parse(source).stepId();
        return steps.stream().filter(s -> s.id().equals(id) && s.step() == type).findFirst().orElse(null);
    }

    private static TrainParams train(StepSpec step) {
        return StepParameters.bind(step.parameters(), TrainParams.DEFAULTS);
    }

    /**
     * How a message names a step's parameter: by the run parameter it is filled from ({@code ${params.persons}}),
     * else as the step's own.
     */
    private String named(StepSpec step, String parameter) {
        StepDef source = defined.get(step.id());
        Object raw = source == null ? null : source.parameters().get(parameter);
        Matcher whole = WHOLE.matcher(raw instanceof String text ? text : "");
        return whole.matches() ? "parameter '" + whole.group(1) + "'"
                : "step '" + step.id() + "' parameter '" + parameter + "'";
    }

    /** A value as a message quotes it: text in quotes, cut to {@value #SHOWN} characters. */
    private static String shown(Object value) {
        String text = Texts.cut(String.valueOf(value).strip(), SHOWN);
        return value instanceof String ? "'" + text + "'" : text;
    }
}
