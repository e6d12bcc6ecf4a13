// Numbers as a person reads them: counts as integers, seconds as durations, rates with their unit, F1 and losses
// to 3 decimals, accuracies as percentages; and the names of the figures in words.
"use strict";

// The characters that reorder the text around them (bidi marks, embeddings, overrides and isolates): a user's file
// name or train.csv cell holding one could show "photo\u202egpj.exe" as "photoexe.jpg", so they are shown as codes.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text with its bidi controls shown as codes, as the CLI shows them. */
const visible = (text) => String(text ?? "")
  .replace(BIDI_CONTROLS, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

/** Text made safe for the page's markup, its bidi controls shown as codes. */
const esc = (text) => visible(text).replace(/[&<>"']/g, (c) => ({
  "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

const time = (iso) => (iso ? new Date(iso).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit",
  minute: "2-digit", second: "2-digit" }) : "");

/** The time of day for today, else the day. */
function shortTime(iso) {
  if (!iso) return "";
  const when = new Date(iso);
  return when.toDateString() === new Date().toDateString()
    ? when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : when.toLocaleDateString([], { month: "short", day: "numeric" });
}

/** 161 -> "2 min 41 s", 4.25 -> "4.3 s", 7260 -> "2 h 1 min". */
function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(Number(seconds))) return "";
  const s = Number(seconds);
  if (s < 10) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  const h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), rest = whole % 60;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${rest} s`;
  return `${rest} s`;
}

/** Seconds between two instants (the second one now when missing). */
function secondsBetween(from, to) {
  if (!from) return null;
  return Math.max(0, ((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / 1000);
}

const integer = (v) => Math.round(Number(v)).toLocaleString("en-US");

const FIGURE_NAMES = {
  loss: "train loss", valLoss: "validation loss", trainMacroF1: "train macro F1", valMacroF1: "validation macro F1",
  macroF1: "macro F1", holdoutMacroF1: "hold-out macro F1", evalMacroF1: "eval-folder macro F1",
  oofMacroF1: "out-of-fold macro F1", maskAccuracy: "mask accuracy", genderAccuracy: "gender accuracy",
  ageAccuracy: "age accuracy", imagesPerSecond: "throughput", learningRate: "learning rate",
  etaSeconds: "time left", seconds: "took", persons: "persons", evalPersons: "eval persons", images: "images",
  evalImages: "eval images", evalUnreadable: "unreadable eval images", promoted: "promoted",
  promotionRacesLost: "promotion races lost", pseudoLabels: "pseudo-labels", retrainSkipped: "retraining skipped",
};

/** "valMacroF1" -> "validation macro F1"; an unknown camelCase name is split into words. */
const figureName = (key) => FIGURE_NAMES[key] || key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

/** One figure's value in the form its name calls for. */
function figureValue(key, value) {
  const v = Number(value);
  if (value === null || value === undefined || Number.isNaN(v)) return "";
  if (/^(promoted|retrainSkipped|cached)$/.test(key)) return v ? "yes" : "no";
  if (/seconds$/i.test(key)) return duration(v);
  const rate = key.match(/^(.*)PerSecond$/);
  if (rate) return `${v.toFixed(1)} ${rate[1].replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}/s`;
  if (/F1$/.test(key)) return v.toFixed(3);
  if (/Accuracy$/.test(key)) return `${(v * 100).toFixed(1)} %`;
  if (/loss$/i.test(key)) return v.toFixed(3);
  if (key === "learningRate") return String(Number(v.toPrecision(2)));
  if (Number.isInteger(v)) return integer(v);
  return String(Number(v.toPrecision(4)));
}

/** The order figures are read in: the headline first, then training, heads, sizes and speed; others after. */
const FIGURE_ORDER = ["holdoutMacroF1", "macroF1", "valMacroF1", "trainMacroF1", "evalMacroF1", "oofMacroF1", "loss",
  "valLoss", "maskAccuracy", "genderAccuracy", "ageAccuracy", "persons", "evalPersons", "images", "evalImages",
  "epochs", "imagesPerSecond", "seconds", "learningRate", "promoted"];
const figureRank = (key) => (FIGURE_ORDER.includes(key) ? FIGURE_ORDER.indexOf(key) : FIGURE_ORDER.length);

/** A map of figures as labelled chips, in reading order; the keys listed in skip are left out. */
function figureChips(map, skip = []) {
  return Object.entries(map || {}).filter(([k]) => !skip.includes(k))
    .sort(([a], [b]) => figureRank(a) - figureRank(b) || a.localeCompare(b)).map(([k, v]) =>
    `<span class="figure" data-figure="${esc(k)}"><span class="name">${esc(figureName(k))}</span> `
    + `<b>${esc(figureValue(k, v))}</b></span>`).join("");
}

// "0.489 – 0.581": a figure's spread over draws of its persons
function spreadText(low, high) {
  return `${low.toFixed(3)} – ${high.toFixed(3)}`;
}
