#!/usr/bin/env bash
# Reproducible build of the demo niche "garments with long sleeves" (see models/README.md):
#   samples/fashion-sleeves/  sample images from Fashion-MNIST's official test split
#   models/demo-sleeves/      a signal head trained on the official training split (disjoint)
# and the evaluation table on held-out test-split images that are not among the samples.
#
#   INSTALL=1 tools/demo-sleeves/make.sh   # first: apt-get install dataset-fashion-mnist (as root)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ "${INSTALL:-0}" == 1 ]]; then
  apt-get install -y -q dataset-fashion-mnist
fi
./mvnw -B -q package -DskipTests
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp="target/nichebot.jar:target/lib/*"
rm -rf samples/fashion-sleeves/*.jpg samples/fashion-sleeves/labels.csv models/demo-sleeves
java -cp "$cp" dev.nichebot.classify.DemoSleevesData \
  --seed 7 --samples samples/fashion-sleeves --train "$work/train" --eval "$work/eval"
# The shipped head was trained with the seed's views and fully balanced weights, the defaults when it
# was made; name them so the command still reproduces it.
java -cp "$cp" dev.nichebot.app.Main train --data "$work/train" --out models/demo-sleeves \
  --name demo-sleeves --seed 7 --augment 3 --rotations --class-weights BALANCED \
  --cache "$work/cache" --quiet
java -cp "$cp" dev.nichebot.app.Main evaluate --model models/demo-sleeves --data "$work/eval" \
  --plots models/demo-sleeves/plots/test --cache "$work/cache" | tee models/demo-sleeves/evaluation.txt
