// Build-time step 1 of the nsfwjs conversion (see README.md in this folder).
//
// Loads nsfwjs' MobileNetV2 exactly as nsfwjs itself does (TF.js, CPU backend), then writes:
//   <work>/weights.bin   every layer weight as float32 little-endian, in the order of weights.json
//   <work>/weights.json  [{layer, className, config, weights: [{name, shape, offset, length}]}]
//   <work>/reference-outputs.json  the JS model's 1280-d features (flatten_1) and 5-class probabilities
//                                  for each reference input found in <work>/reference-inputs.bin
//
// The weights are taken after TF.js has dequantised them (uint8 -> float32), so the PyTorch model
// computes with the very numbers the JS model uses.
//
// Usage: node export_tfjs.js WORK_DIR
"use strict";

const fs = require("fs");
const path = require("path");
const tf = require("@tensorflow/tfjs");
const nsfwjs = require("nsfwjs");

async function main() {
  const work = process.argv[2];
  if (!work) {
    throw new Error("usage: node export_tfjs.js WORK_DIR");
  }
  await tf.setBackend("cpu");
  const net = await nsfwjs.load("MobileNetV2");
  const model = net.model;

  // 1. Weights, in layer order.
  const layers = [];
  const chunks = [];
  let offset = 0;
  for (const layer of model.layers) {
    const weights = layer.weights;
    const entry = { layer: layer.name, className: layer.getClassName(), config: layer.getConfig(), weights: [] };
    for (const w of weights) {
      const values = w.read().dataSync();
      const f32 = Float32Array.from(values);
      chunks.push(Buffer.from(f32.buffer));
      entry.weights.push({ name: w.originalName || w.name, shape: w.shape, offset, length: f32.length });
      offset += f32.length;
    }
    layers.push(entry);
  }
  fs.writeFileSync(path.join(work, "weights.bin"), Buffer.concat(chunks));
  fs.writeFileSync(path.join(work, "weights.json"), JSON.stringify({ layers }, null, 1));

  // 2. Reference outputs: features before the head and the final probabilities.
  const meta = JSON.parse(fs.readFileSync(path.join(work, "reference-inputs.json"), "utf8"));
  const raw = fs.readFileSync(path.join(work, "reference-inputs.bin"));
  const [n, h, w, c] = meta.shape;
  const pixels = new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
  const featuresLayer = model.getLayer("flatten_1");
  const probe = tf.model({ inputs: model.inputs, outputs: [featuresLayer.output, model.outputs[0]] });
  const results = [];
  for (let i = 0; i < n; i++) {
    const one = pixels.subarray(i * h * w * c, (i + 1) * h * w * c);
    // nsfwjs' own preprocessing for an image already at 224x224: float, divide by 255, no resize.
    const [features, probs] = tf.tidy(() => {
      const x = tf.tensor4d(one, [1, h, w, c], "int32").toFloat().div(tf.scalar(255));
      return probe.predict(x);
    });
    // nsfwjs' public API on the same pixels, to show the probe is the model users run.
    const api = await net.classify(tf.tensor3d(one, [h, w, c], "int32"), 5);
    results.push({
      name: meta.names[i],
      features: Array.from(features.dataSync()),
      probabilities: Array.from(probs.dataSync()),
      nsfwjsClassify: api,
    });
    features.dispose();
    probs.dispose();
  }
  fs.writeFileSync(
    path.join(work, "reference-outputs.json"),
    JSON.stringify({ tfjsVersion: tf.version.tfjs, labels: ["drawing", "hentai", "neutral", "porn", "sexy"], results }),
  );
  console.log(`exported ${layers.length} layers, ${offset} weights, ${n} reference outputs`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
