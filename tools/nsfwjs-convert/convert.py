#!/usr/bin/python3
"""Build-time step 2 of the nsfwjs conversion (run through ./convert.sh, see README.md).

  1. writes a few deterministic 224x224 reference images (PNG) and their pixels for node;
  2. runs export_tfjs.js: the original TF.js model's weights and its outputs on those images;
  3. rebuilds the network in PyTorch, loads the weights and checks that the features and the
     probabilities match the JS model's within 1e-4 (eager and TorchScript);
  4. writes the TorchScript bundles models/backbone and models/nsfw, and the Java test fixture.

Needs Debian's python3-torch (run with /usr/bin/python3), node + npm, and dataset-fashion-mnist.
"""

import argparse
import datetime
import gzip
import hashlib
import json
import math
import os
import struct
import subprocess
import sys
import zlib

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mobilenet_v2 import BLOCKS, KERAS_BLOCK_NAMES, MobileNetV2Features, NsfwHead, NsfwNet  # noqa: E402

TOLERANCE = 1e-4
NSFWJS_VERSION = "4.4.0"
BUNDLE_REVISION = 1
LABELS = ["drawing", "hentai", "neutral", "porn", "sexy"]
FASHION_DIR = "/usr/share/datasets/fashion-mnist"
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))


# ---------------------------------------------------------------- reference images


def write_png(path, rgb):
    """Plain RGB8 PNG writer, so the tool needs nothing beyond numpy."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def fashion_image(index_of_label, label):
    with gzip.open(os.path.join(FASHION_DIR, "t10k-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read()[8:], dtype=np.uint8)
    with gzip.open(os.path.join(FASHION_DIR, "t10k-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read()[16:], dtype=np.uint8).reshape(-1, 28, 28)
    idx = np.nonzero(labels == label)[0][index_of_label]
    small = torch.from_numpy(images[idx].astype(np.float32))[None, None]
    big = torch.nn.functional.interpolate(small, size=(224, 224), mode="bilinear", align_corners=False)
    grey = big[0, 0].round().clamp(0, 255).numpy().astype(np.uint8)
    return np.stack([grey, grey, grey], axis=-1)


def synthetic_scene():
    y, x = np.mgrid[0:224, 0:224].astype(np.float32)
    img = np.stack([x / 223 * 255, y / 223 * 255, (1 - x / 223) * 160 + 40], axis=-1)
    img[((x - 150) ** 2 + (y - 70) ** 2) < 40 ** 2] = [250, 220, 30]
    img[120:190, 30:110] = [20, 90, 200]
    return img.round().clip(0, 255).astype(np.uint8)


def synthetic_texture():
    y, x = np.mgrid[0:224, 0:224].astype(np.float32)
    r = 127.5 + 127.5 * np.sin(x / 9.0) * np.cos(y / 13.0)
    g = 127.5 + 127.5 * np.sin((x + y) / 17.0)
    b = 127.5 + 127.5 * np.cos(np.hypot(x - 112, y - 112) / 7.0)
    return np.stack([r, g, b], axis=-1).round().clip(0, 255).astype(np.uint8)


def reference_images():
    if not os.path.isdir(FASHION_DIR):
        sys.exit(f"{FASHION_DIR} is missing: apt-get install -y dataset-fashion-mnist")
    return [
        ("scene", synthetic_scene()),
        ("texture", synthetic_texture()),
        ("fashion-pullover", fashion_image(0, 2)),
        ("fashion-sneaker", fashion_image(0, 7)),
    ]


# ---------------------------------------------------------------- weights


class Weights:
    def __init__(self, work):
        with open(os.path.join(work, "weights.json")) as f:
            self.layers = {entry["layer"]: entry for entry in json.load(f)["layers"]}
        self.data = np.fromfile(os.path.join(work, "weights.bin"), dtype="<f4")
        self.used = set()

    def get(self, layer, index):
        spec = self.layers[layer]["weights"][index]
        self.used.add((layer, index))
        arr = self.data[spec["offset"] : spec["offset"] + spec["length"]].reshape(spec["shape"])
        return torch.from_numpy(arr.copy())

    def config(self, layer):
        return self.layers[layer]["config"]

    def unused(self):
        return [
            (name, i)
            for name, entry in self.layers.items()
            for i in range(len(entry["weights"]))
            if (name, i) not in self.used
        ]


def assign(param, value, what):
    if tuple(param.shape) != tuple(value.shape):
        raise SystemExit(f"{what}: shape {tuple(value.shape)} does not fit {tuple(param.shape)}")
    with torch.no_grad():
        param.copy_(value)


def load_conv(weights, layer, conv):
    # Keras Conv2D kernel is HWIO; PyTorch wants OIHW.
    assign(conv.weight, weights.get(layer, 0).permute(3, 2, 0, 1), layer)


def load_depthwise(weights, layer, conv):
    # Keras DepthwiseConv2D kernel is (H, W, C, 1); PyTorch's grouped conv wants (C, 1, H, W).
    assign(conv.weight, weights.get(layer, 0).permute(2, 3, 0, 1), layer)


def load_bn(weights, layer, bn):
    eps = weights.config(layer)["epsilon"]
    if abs(eps - bn.eps) > 1e-12:
        raise SystemExit(f"{layer}: epsilon {eps} but the PyTorch layer uses {bn.eps}")
    assign(bn.weight, weights.get(layer, 0), layer + "/gamma")
    assign(bn.bias, weights.get(layer, 1), layer + "/beta")
    assign(bn.running_mean, weights.get(layer, 2), layer + "/moving_mean")
    assign(bn.running_var, weights.get(layer, 3), layer + "/moving_variance")


def load_dense(weights, layer, linear):
    assign(linear.weight, weights.get(layer, 0).t(), layer + "/kernel")
    assign(linear.bias, weights.get(layer, 1), layer + "/bias")


def build(weights):
    features = MobileNetV2Features()
    load_conv(weights, "Conv1", features.stem_conv)
    load_bn(weights, "bn_Conv1", features.stem_bn)
    for (cin, cout, stride, expansion), name, block in zip(BLOCKS, KERAS_BLOCK_NAMES, features.blocks):
        if expansion != 1:
            load_conv(weights, f"{name}_expand", block.expand[0])
            load_bn(weights, f"{name}_expand_BN", block.expand[1])
        keras_strides = weights.config(f"{name}_depthwise")["strides"]
        if list(keras_strides) != [stride, stride]:
            raise SystemExit(f"{name}: Keras stride {keras_strides}, ours {stride}")
        load_depthwise(weights, f"{name}_depthwise", block.depthwise[0])
        load_bn(weights, f"{name}_depthwise_BN", block.depthwise[1])
        load_conv(weights, f"{name}_project", block.project[0])
        load_bn(weights, f"{name}_project_BN", block.project[1])
    load_conv(weights, "Conv_1", features.last_conv)
    load_bn(weights, "Conv_1_bn", features.last_bn)
    head = NsfwHead()
    load_dense(weights, "dense_1", head.dense_1)
    load_dense(weights, "dense_2", head.dense_2)
    load_dense(weights, "dense_3", head.dense_3)
    left = weights.unused()
    if left:
        raise SystemExit(f"weights not used by the PyTorch model: {left}")
    return features.eval(), head.eval()


# ---------------------------------------------------------------- checks and output


def max_diff(a, b):
    return float((torch.as_tensor(a) - torch.as_tensor(b)).abs().max())


def check(name, ours, theirs):
    diff = max_diff(ours, theirs)
    status = "ok" if diff <= TOLERANCE else "FAILED"
    print(f"  {name:<40} max |diff| = {diff:.3e}  {status}")
    if diff > TOLERANCE:
        raise SystemExit(f"{name} differs from the JS model by {diff} > {TOLERANCE}")
    return diff


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", required=True, help="scratch folder (export_tfjs.js writes here)")
    parser.add_argument("--models", default=os.path.join(REPO, "models"))
    parser.add_argument(
        "--fixture", default=os.path.join(REPO, "src/test/resources/dev/nichebot/classify/reference")
    )
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    torch.manual_seed(0)
    torch.set_num_threads(max(1, os.cpu_count() or 1))

    images = reference_images()
    pixels = np.stack([img for _, img in images])
    pixels.tofile(os.path.join(args.work, "reference-inputs.bin"))
    write_json(
        os.path.join(args.work, "reference-inputs.json"),
        {"shape": list(pixels.shape), "names": [n for n, _ in images]},
    )

    print("running the original model in TF.js (node) ...")
    subprocess.run(["node", os.path.join(HERE, "export_tfjs.js"), args.work], check=True, cwd=HERE)
    with open(os.path.join(args.work, "reference-outputs.json")) as f:
        js = json.load(f)

    features, head = build(Weights(args.work))
    nsfw = NsfwNet(features, head).eval()
    x = torch.from_numpy(pixels.astype(np.float32) / 255.0).permute(0, 3, 1, 2).contiguous()
    js_features = torch.tensor([r["features"] for r in js["results"]])
    js_probs = torch.tensor([r["probabilities"] for r in js["results"]])

    print(f"comparing with TF.js {js['tfjsVersion']} on {len(images)} images (tolerance {TOLERANCE}):")
    diffs = {}
    with torch.no_grad():
        diffs["features"] = check("features (eager)", features(x), js_features)
        diffs["probabilities"] = check("probabilities (eager)", nsfw(x), js_probs)
        scripted_features = torch.jit.script(features)
        scripted_head = torch.jit.script(head)
        scripted_nsfw = torch.jit.script(nsfw)
        diffs["features_torchscript"] = check("features (TorchScript)", scripted_features(x), js_features)
        diffs["probabilities_torchscript"] = check("probabilities (TorchScript)", scripted_nsfw(x), js_probs)
        diffs["head_on_features"] = check("head(features) (TorchScript)", scripted_head(js_features), js_probs)
    for r in js["results"]:
        top = r["nsfwjsClassify"][0]
        print(f"  nsfwjs.classify({r['name']}) top class: {top['className']} {top['probability']:.4f}")

    version = f"mobilenet_v2-nsfwjs-{NSFWJS_VERSION}-r{BUNDLE_REVISION}"
    created = datetime.date.today().isoformat()
    provenance = {
        "source": f"npm package nsfwjs@{NSFWJS_VERSION} (MIT, Copyright (c) 2019 Infinite Red, Inc.), "
        "model dist/models/mobilenet_v2 (Keras 2.2.4 MobileNetV2 + 5-class head, uint8-quantised TF.js weights)",
        "converted_by": "tools/nsfwjs-convert/convert.sh (TF.js dequantised float32 weights -> PyTorch "
        f"{torch.__version__} -> torch.jit.script)",
        "checked_against": f"@tensorflow/tfjs {js['tfjsVersion']} (CPU backend) on {len(images)} reference "
        f"images, tolerance {TOLERANCE}",
        "licence": "MIT (see LICENSE-nsfwjs.txt)",
        "created": created,
    }
    input_spec = {
        "width": 224,
        "height": 224,
        "channels": 3,
        "layout": "NCHW",
        "colour": "RGB",
        "scale": 1.0 / 255.0,
        "mean": [0.0, 0.0, 0.0],
        "std": [1.0, 1.0, 1.0],
        "resize": "stretch",
    }
    licence = os.path.join(HERE, "node_modules", "nsfwjs", "LICENSE")

    backbone_dir = os.path.join(args.models, "backbone")
    os.makedirs(backbone_dir, exist_ok=True)
    backbone_file = os.path.join(backbone_dir, "backbone.pt")
    scripted_features.save(backbone_file)
    with open(licence) as src, open(os.path.join(backbone_dir, "LICENSE-nsfwjs.txt"), "w") as dst:
        dst.write(src.read())
    write_json(
        os.path.join(backbone_dir, "bundle.json"),
        {
            "format": "nichebot-bundle/1",
            "kind": "backbone",
            "version": version,
            "architecture": "MobileNetV2 (alpha 1.0, Keras layout: TF-style asymmetric padding before "
            "stride-2 convolutions, BatchNorm eps 1e-3, ReLU6), ImageNet-style features frozen in nsfwjs; "
            "output = global average of out_relu",
            "weights": {"file": "backbone.pt", "format": "torchscript", "sha256": sha256(backbone_file)},
            "input": input_spec,
            "output": {"embedding_size": 1280},
            "fine_tunable_prefixes": ["blocks.14.", "blocks.15.", "blocks.16.", "last_conv.", "last_bn."],
            "provenance": provenance,
            "metrics": {"conversion_max_abs_diff_features": diffs["features_torchscript"]},
        },
    )

    nsfw_dir = os.path.join(args.models, "nsfw")
    os.makedirs(nsfw_dir, exist_ok=True)
    # Only the head is stored: the full network is this head on models/backbone, whose weights are
    # the ones nsfwjs froze while training it, so the classifier computes one embedding for both the
    # signal score and the NSFW score instead of running MobileNetV2 twice (and 9 MB less in git).
    head_file = os.path.join(nsfw_dir, "head.pt")
    scripted_head.save(head_file)
    with open(licence) as src, open(os.path.join(nsfw_dir, "LICENSE-nsfwjs.txt"), "w") as dst:
        dst.write(src.read())
    write_json(
        os.path.join(nsfw_dir, "bundle.json"),
        {
            "format": "nichebot-bundle/1",
            "kind": "nsfw",
            "version": version,
            "architecture": "nsfwjs MobileNetV2 head on the backbone's 1280-d embedding: Dense(256, relu) + "
            "Dropout(0.5) + Dense(128, relu) + Dropout(0.25) + Dense(5, softmax)",
            "backbone": {"path": "../backbone", "sha256": sha256(backbone_file), "version": version},
            "head": {
                "file": "head.pt",
                "format": "torchscript",
                "sha256": sha256(head_file),
                "output": "probabilities",
            },
            "labels": LABELS,
            "nsfw_labels": ["hentai", "porn", "sexy"],
            "threshold": 0.5,
            "threshold_note": "NSFW score = P(hentai) + P(porn) + P(sexy); nsfwjs publishes no calibration, "
            "so 0.5 is a default for the operator to tune",
            "provenance": provenance,
            "metrics": {
                "conversion_max_abs_diff_probabilities": diffs["probabilities_torchscript"],
                "conversion_max_abs_diff_head_on_features": diffs["head_on_features"],
                "accuracy": "not measured here: no labelled NSFW data on this machine; nsfwjs' README "
                "says '~90%' for this small model",
            },
        },
    )

    os.makedirs(args.fixture, exist_ok=True)
    for (name, img) in images:
        write_png(os.path.join(args.fixture, f"{name}.png"), img)
    write_json(
        os.path.join(args.fixture, "expected.json"),
        {
            "about": "Outputs of the original nsfwjs@4.4.0 model (TF.js) on these 224x224 PNGs, written by "
            "tools/nsfwjs-convert/convert.py. Preprocessing: RGB / 255, no resize.",
            "tfjs_version": js["tfjsVersion"],
            "labels": LABELS,
            "images": [
                {
                    "file": f"{r['name']}.png",
                    "probabilities": r["probabilities"],
                    "features": [round(v, 7) for v in r["features"]],
                }
                for r in js["results"]
            ],
        },
    )
    print(f"wrote {backbone_dir}, {nsfw_dir} and {args.fixture}")


if __name__ == "__main__":
    main()
