package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.labels.Label;
import io.maskflow.vision.metrics.EvaluationFigures;
import io.maskflow.vision.metrics.PersonBootstrap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page (pictures embedded as data URIs, so it opens from the store, the
 * orchestrator's page or a download alike): the headline figures, the gate's decision, per-head and per-class
 * tables, the members of an ensemble, and the confusion matrix, F1 bars and misclassified images.
 */
final class ReportPage {

    private ReportPage() {
    }

    static byte[] html(EvaluateStep.Report report, Map<String, byte[]> pictures) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Maskflow evaluation</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;")
                .append("margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th{background:#f4f4f4}td:first-child{text-align:left}img{max-width:100%;margin:1em 0}")
                .append(".ok{color:#176b2c}.no{color:#a12}</style></head><body>");
        headline(h, report);
        sideBySide(h, report);
        if (report.heldOutStyle() != null) {
            heldOutStyle(h, report);
        }
        EvaluateStep.Promotion p = report.promotion();
        h.append("<p class=\"").append(p.promoted() ? "ok" : "no").append("\"><b>")
                .append(p.promoted() ? "Promoted" : "Not promoted").append("</b>: ").append(esc(p.reason()))
                .append("</p>");
        if (report.outOfFold() != null) {
            h.append("<p>Out-of-fold macro F1 (each person predicted by the model that did not train on it): <b>")
                    .append(num(report.outOfFold().macroF1())).append("</b> over ").append(report.outOfFold()
                    .count()).append(" images.</p>");
        }
        if (report.evalSet() != null) {
            evalSet(h, report.evalSet());
        }
        if (report.evalNote() != null) {
            h.append("<p>").append(esc(report.evalNote())).append(".</p>");
        }
        trainingImages(h, report.trainingImages());
        if (!report.members().isEmpty()) {
            members(h, report);
        }
        headsAndClasses(h, report.figures());
        if (report.ageAnswers() != null) {
            ageAnswers(h, report.ageAnswers());
        }
        pictures.forEach((title, png) -> h.append("<h2>").append(esc(title)).append("</h2><img alt=\"")
                .append(esc(title)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">"));
        h.append("<p><small>").append(esc(String.valueOf(report.time()))).append("</small></p></body></html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The headline figure, what it was measured on, and the model (with its members, for an ensemble). */
    private static void headline(StringBuilder h, EvaluateStep.Report report) {
        EvaluationFigures f = report.figures();
        h.append("<h1>Evaluation: macro F1 ").append(num(f.macroF1())).append("</h1>");
        h.append("<p>").append(esc(report.evaluatedOn())).append(", ").append(f.count()).append(" images")
                .append(report.tta() ? ", flip TTA" : "").append(report.multiCrop() ? ", multi-crop" : "")
                .append(". Model <code>").append(esc(report.model().uri())).append("</code>");
        if (report.memberPerHead() != null) {
            h.append(" (per-head ensemble, chosen among ").append(report.members().size()).append(" models:");
            report.memberPerHead().forEach((head, model) -> h.append(' ').append(head).append(" from <code>")
                    .append(esc(model.key())).append("</code>").append(head.equals("age") ? "" : ","));
            h.append(")");
        } else if (report.vote() != null) {
            h.append(" (").append(esc(report.vote())).append(" vote of ").append(report.members().size())
                    .append(" models)");
        }
        h.append("; data <code>").append(esc(report.data().uri())).append("</code>.</p>");
    }

    private static void sideBySide(StringBuilder h, EvaluateStep.Report report) {
        h.append("<table><tr><th>Figure</th><th>Measured on</th><th>Images</th><th>Macro F1</th>"
                + "<th>90 % of person draws</th></tr>");
        for (EvaluateStep.Figure fig : report.sideBySide()) {
            h.append("<tr><td>").append(fig.headline() ? "<b>" + esc(fig.set()) + "</b> (headline)" : esc(fig.set()))
                    .append("</td><td>").append(esc(fig.on())).append("</td><td>").append(fig.images())
                    .append("</td><td>").append(fig.macroF1() == null ? "-" : num(fig.macroF1())).append("</td><td>")
                    .append(fig.persons90() == null ? "-" : num(fig.persons90().low()) + " – "
                            + num(fig.persons90().high()) + " (" + fig.persons90().persons() + " persons)")
                    .append("</td></tr>");
        }
        h.append("</table><p>The last column: the macro F1 over " + PersonBootstrap.RESAMPLES + " draws of the "
                + "figure's persons with replacement, each with all its photos; 90 % of the draws fall in it. It says "
                + "how far other persons of the same kind could move the figure; two models measured on the same "
                + "persons differ less than their intervals suggest.</p>");
    }

    /** The leave-one-style-out figures beside the headline's per-head accuracies. */
    private static void heldOutStyle(StringBuilder h, EvaluateStep.Report report) {
        EvaluationFigures f = report.figures();
        EvaluationFigures other = report.heldOutStyle().figures();
        h.append("<p>").append(report.heldOutStyle().leftOut() ? "Leave-one-style-out, on " : "Another style, on ")
                .append(other.count()).append(" images drawn in the ")
                .append(esc(report.heldOutStyle().style())).append(" style")
                .append(report.heldOutStyle().leftOut() ? "" : " (" + esc(report.heldOutStyle().words()) + ")")
                .append(": macro F1 <b>")
                .append(num(other.macroF1())).append("</b>; accuracy mask ")
                .append(num(other.heads().get("mask").accuracy())).append(", gender ")
                .append(num(other.heads().get("gender").accuracy())).append(", age ")
                .append(num(other.heads().get("age").accuracy())).append(" (headline: mask ")
                .append(num(f.heads().get("mask").accuracy())).append(", gender ")
                .append(num(f.heads().get("gender").accuracy())).append(", age ")
                .append(num(f.heads().get("age").accuracy())).append(").</p>");
        h.append("<p>Where the gender and age heads go wrong, per photo:</p><table><tr><th>images</th>")
                .append("<th>gender right, mask worn</th><th>worn incorrectly</th><th>no mask</th>")
                .append("<th>men answered men</th><th>women answered women</th>")
                .append("<th>age recall &lt;30</th><th>30–59</th><th>60+</th></tr>");
        failures(h, "headline", f);
        failures(h, esc(report.heldOutStyle().style()) + " style", other);
        h.append("</table>");
        if (report.heldOutStyle().genderByCue() != null) {
            genderByCue(h, report.heldOutStyle().genderByCue());
        }
    }

    /** The gender head on the held-out style's photos by the persons' drawn cues (0/1 values). */
    private static void genderByCue(StringBuilder h, GenderByCue table) {
        h.append("<p>Gender answered right by what the generator drew on the person (1: drawn, 0: not), per photo:")
                .append("</p><table><tr><th>drawn cue</th><th>gender</th><th>value</th><th>photos</th>")
                .append("<th>gender right</th></tr>");
        for (GenderByCue.Row row : table.rows()) {
            h.append("<tr><td>").append(esc(row.cue())).append("</td><td>").append(row.gender()).append("</td><td>")
                    .append(row.value()).append("</td><td>").append(row.photos()).append("</td><td>")
                    .append(num(row.accuracy())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void failures(StringBuilder h, String name, EvaluationFigures f) {
        h.append("<tr><td>").append(name).append("</td>");
        for (int mask = 0; mask < 3; mask++) {
            h.append("<td>").append(share(f.accuracyWhere(Label.GENDER_HEAD, Label.MASK_HEAD, mask))).append("</td>");
        }
        for (int gender = 0; gender < 2; gender++) {
            h.append("<td>").append(share(f.recall(Label.GENDER_HEAD, gender))).append("</td>");
        }
        for (int age = 0; age < 3; age++) {
            h.append("<td>").append(share(f.recall(Label.AGE_HEAD, age))).append("</td>");
        }
        h.append("</tr>");
    }

    private static String share(double v) {
        return Double.isNaN(v) ? "–" : num(v);
    }

    /** The eval folder: how many images, the figure against kept answers, and the images that could not be read. */
    private static void evalSet(StringBuilder h, EvaluateStep.EvalSet e) {
        h.append("<p>Eval folder: ").append(e.count()).append(" images, submission written")
                .append(e.macroF1() == null ? "" : ", macro F1 against the kept answers " + num(e.macroF1()))
                .append(".</p>");
        if (!e.unreadable().isEmpty()) {
            h.append("<p class=\"no\">").append(e.unreadable().size()).append(" eval image(s) could not be ")
                    .append("read; their rows are answered with class ").append(e.fallbackClass())
                    .append(" (the most frequent in training):</p><ul>");
            e.unreadable().forEach((id, why) -> h.append("<li><code>").append(esc(id)).append("</code>: ")
                    .append(esc(why)).append("</li>"));
            h.append("</ul>");
        }
    }

    /** The headline's per-head and per-class tables. */
    private static void headsAndClasses(StringBuilder h, EvaluationFigures f) {
        h.append("<h2>Heads</h2><table><tr><th>head</th><th>accuracy</th><th>macro F1</th></tr>");
        f.heads().forEach((name, head) -> h.append("<tr><td>").append(name).append("</td><td>")
                .append(num(head.accuracy())).append("</td><td>").append(num(head.macroF1())).append("</td></tr>"));
        h.append("</table><h2>Classes</h2><table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th>")
                .append("<th>support</th></tr>");
        for (EvaluationFigures.PerClass c : f.perClass()) {
            h.append("<tr><td>").append(c.label()).append(' ').append(esc(c.name())).append("</td><td>")
                    .append(num(c.precision())).append("</td><td>").append(num(c.recall())).append("</td><td>")
                    .append(num(c.f1())).append("</td><td>").append(c.support()).append("</td></tr>");
        }
        h.append("</table>");
    }

    /** The age head's answers by the persons' exact age, each band's own group in bold. */
    private static void ageAnswers(StringBuilder h, AgeAnswers answers) {
        h.append("<h2>Age answers by exact age</h2><p>The headline's photos by their person's age: the share answered ")
                .append("with each age group (the right one in bold). Mistakes next to the cut-offs are ones the ")
                .append("labels invite; mistakes far from them are the model's own.</p><table><tr><th>ages</th>")
                .append("<th>photos</th>");
        for (String g : answers.groupNames()) {
            h.append("<th>answered ").append(esc(g)).append("</th>");
        }
        h.append("</tr>");
        for (AgeAnswers.Band b : answers.bands()) {
            h.append("<tr><td>").append(b.from() == b.to() ? String.valueOf(b.from()) : b.from() + " – " + b.to())
                    .append("</td><td>").append(b.images()).append("</td>");
            for (int g = 0; g < 3; g++) {
                String share = num(b.answered()[g]);
                h.append("<td>").append(g == b.group() ? "<b>" + share + "</b>" : share).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    /**
     * The members and their macro F1; for a per-head ensemble also each head's macro F1 on the member's own
     * validation fold, the chosen member's in bold.
     */
    private static void members(StringBuilder h, EvaluateStep.Report report) {
        Map<String, ArtifactRef> perHead = report.memberPerHead();
        h.append("<h2>Members</h2>");
        if (perHead != null) {
            h.append("<p>Each model on its own validation fold; each head is answered by the model with the ")
                    .append("highest macro F1 of that head (in bold).</p>");
        }
        h.append("<table><tr><th>model</th><th>macro F1</th>");
        if (perHead != null) {
            perHead.keySet().forEach(head -> h.append("<th>").append(head).append(" macro F1</th>"));
        }
        h.append("</tr>");
        for (EvaluateStep.Member m : report.members()) {
            h.append("<tr><td><code>").append(esc(m.model().key())).append("</code></td><td>")
                    .append(m.macroF1() == null ? "–" : num(m.macroF1())).append("</td>");
            if (perHead != null && m.headMacroF1() != null) {
                perHead.forEach((head, chosen) -> {
                    String figure = num(m.headMacroF1().get(head));
                    h.append("<td>").append(chosen.equals(m.model()) ? "<b>" + figure + "</b>" : figure)
                            .append("</td>");
                });
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    /** Images per class of each input of preprocessing: the user's data set beside generated people. */
    private static void trainingImages(StringBuilder h, Map<String, int[]> byInput) {
        if (byInput == null || byInput.size() < 2) {
            return;
        }
        h.append("<h2>Images per class and input</h2><p>All folds; inputs named <code>synthetic</code> were ")
                .append("generated and only ever trained on (never validated or held out).</p><table><tr>")
                .append("<th>class</th>");
        byInput.keySet().forEach(input -> h.append("<th>").append(esc(input)).append("</th>"));
        h.append("</tr>");
        for (int c = 0; c < Label.CLASSES; c++) {
            h.append("<tr><td>").append(c).append(' ').append(esc(Label.ofClass(c).displayName())).append("</td>");
            int cls = c;
            byInput.values().forEach(counts -> h.append("<td>").append(counts[cls]).append("</td>"));
            h.append("</tr>");
        }
        h.append("</table>");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
