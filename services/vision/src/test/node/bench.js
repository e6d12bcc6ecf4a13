// Times face-api's detection + 68 landmarks (tiny face detector, face_landmark_68_model) per photo, in Node on
// TensorFlow.js's WASM backend with one thread (or --backend cpu, pure JS). FaceBenchmark runs it between its own
// Java rounds; by hand: node bench.js [--backend wasm|cpu] [--reps N] <photo> [<photo> ...]
// Prints one JSON line: {"backend", "photos", "reps", "msPerPhoto"} (mean over photos and reps after a warm-up).
const ref = require('./reference');

async function main() {
  const args = process.argv.slice(2);
  let backend = 'wasm';
  let reps = 5;
  const photos = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--backend') backend = args[++i];
    else if (args[i] === '--reps') reps = Number(args[++i]);
    else photos.push(args[i]);
  }
  await ref.load(backend);
  const images = photos.map((p) => ref.readImage(p));
  const options = ref.detectorOptions();
  const run = (image) => ref.faceapi.detectAllFaces(image, options).withFaceLandmarks();
  for (const image of images) await run(image); // warm-up: kernels and shapes
  const started = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) {
    for (const image of images) await run(image);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / (reps * images.length);
  console.log(JSON.stringify({ backend: ref.tf.getBackend(), photos: images.length, reps, msPerPhoto: ms }));
}

main().catch((e) => { console.error(e); process.exit(1); });
