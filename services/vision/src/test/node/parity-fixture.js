// Writes the parity fixture of services/vision's face package: what @vladmandic/face-api's own code finds on
// each photo (tiny face detector, 68-point landmark net, age/gender net) when run in Node on TensorFlow.js's
// WASM backend. Usage (from this folder, after npm ci):
//   node parity-fixture.js <output.json> <photo> [<photo> ...]
// The photos are named in the fixture by file name, a PNG written by ReferencePhotos (x.jpg.png) by the name of
// the photo it was decoded from (x.jpg); FaceParityTest finds them by that name. See docs/faces.md for the steps.
const fs = require('fs');
const path = require('path');
const ref = require('./reference');

const round = (v, digits = 4) => Number(v.toFixed(digits));

async function main() {
  const [output, ...photos] = process.argv.slice(2);
  if (!output || photos.length === 0) {
    console.error('usage: node parity-fixture.js <output.json> <photo> [<photo> ...]');
    process.exit(2);
  }
  const info = await ref.load('wasm');
  const results = [];
  for (const photo of photos) {
    const image = ref.readImage(photo);
    const faces = await ref.faceapi.detectAllFaces(image, ref.detectorOptions())
      .withFaceLandmarks()
      .withAgeAndGender();
    results.push({
      photo: path.basename(photo).replace(/\.jpg\.png$/, '.jpg'),
      width: image.shape[1],
      height: image.shape[0],
      faces: faces.map((f) => ({
        score: round(f.detection.score),
        box: [f.detection.box.x, f.detection.box.y, f.detection.box.width, f.detection.box.height].map((v) => round(v, 3)),
        landmarks: f.landmarks.positions.map((p) => [round(p.x, 3), round(p.y, 3)]),
        alignedBox: [f.alignedRect.box.x, f.alignedRect.box.y, f.alignedRect.box.width, f.alignedRect.box.height]
          .map((v) => round(v, 3)),
        age: round(f.age),
        gender: f.gender,
        genderProbability: round(f.genderProbability),
      })),
    });
    image.dispose();
    console.log(`${path.basename(photo)}: ${faces.length} face(s)`);
  }
  const fixture = {
    generator: 'services/vision/src/test/node/parity-fixture.js',
    reference: `@vladmandic/face-api ${info.version}`,
    decoded: 'photos decoded by Java ImageIO (PNGs from ReferencePhotos), so that both sides see the same pixels',
    tfjs: info.tfjs,
    backend: info.backend,
    detector: 'tiny_face_detector_model, inputSize 416, scoreThreshold 0.5',
    photos: results,
  };
  // one line per box and per face's landmarks
  const text = JSON.stringify(fixture, null, 1)
    .replace(/\[\s+([-\d.e]+(?:,\s+[-\d.e]+)*)\s+\]/g, (m, inner) => `[${inner.split(/,\s+/).join(', ')}]`)
    .replace(/\[\s+(\[[-\d.e, ]+\](?:,\s+\[[-\d.e, ]+\])*)\s+\]/g, (m, inner) => `[${inner.split(/\],\s+\[/).join('], [')}]`);
  fs.writeFileSync(output, `${text}\n`);
  console.log(`wrote ${output}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
