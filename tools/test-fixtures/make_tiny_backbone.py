#!/usr/bin/python3
"""Writes a tiny TorchScript backbone for the Java tests (run with Debian's python3-torch):

    PYTHONHASHSEED=0 /usr/bin/python3 tools/test-fixtures/make_tiny_backbone.py

(N, 3, 32, 32) -> 4x4 average pooling -> flatten -> Linear(192, 8). Unlike MobileNetV2 (which
averages over whatever spatial size it gets) it accepts only 32x32 inputs, which is what the
"wrong input size" test needs, and it is a few kilobytes.
"""
import os

import torch
import torch.nn as nn

OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "..", "src", "test", "resources", "dev", "nichebot", "classify", "tiny", "backbone.pt",
)


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.AvgPool2d(4)
        self.fc = nn.Linear(192, 8)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.pool(x), 1))


torch.manual_seed(0)
os.makedirs(os.path.dirname(OUT), exist_ok=True)
torch.jit.script(Tiny().eval()).save(OUT)
print("wrote", os.path.normpath(OUT))
