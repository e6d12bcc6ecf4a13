// Loads @vladmandic/face-api (its own Node build) on TensorFlow.js's WASM backend, one thread, no native code,
// and decodes JPEG (jpeg-js) and PNG (pngjs) photos with pure-JS decoders. Shared by parity-fixture.js and bench.js.
const fs = require('fs');
const path = require('path');
const jpeg = require('jpeg-js');
const { PNG } = require('pngjs');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const MODEL_DIR = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');

/** Starts the backend ('wasm', one thread, or 'cpu', pure JS) and loads the three networks from the package. */
async function load(backend = 'wasm') {
  if (backend === 'wasm') {
    wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
    wasm.setThreadsCount(1);
  }
  await tf.setBackend(backend);
  await tf.ready();
  await faceapi.nets.tinyFaceDetector.loadFromDisk(MODEL_DIR);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(MODEL_DIR);
  await faceapi.nets.ageGenderNet.loadFromDisk(MODEL_DIR);
  return { tf, faceapi, version: faceapi.version, tfjs: tf.version_core, backend: tf.getBackend() };
}

/** A photo file as an int32 [height, width, 3] RGB tensor. */
function readImage(file) {
  const bytes = fs.readFileSync(file);
  const decoded = file.toLowerCase().endsWith('.png') ? PNG.sync.read(bytes)
    : jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  const { width, height, data } = decoded;
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    rgb[j] = data[i];
    rgb[j + 1] = data[i + 1];
    rgb[j + 2] = data[i + 2];
  }
  return tf.tensor3d(rgb, [height, width, 3], 'int32');
}

/** The reference's default tiny face detector options (input 416, score threshold 0.5). */
function detectorOptions() {
  return new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 });
}

module.exports = { load, readImage, detectorOptions, tf, faceapi };
