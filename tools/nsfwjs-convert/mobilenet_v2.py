"""Keras' MobileNetV2 (alpha 1.0) as a TorchScript-friendly PyTorch module.

Keras and PyTorch differ in three places that matter for an exact conversion:
  * stride-2 convolutions: Keras pads asymmetrically (0 before, 1 after) with ZeroPadding2D and then
    convolves with 'valid'; PyTorch's symmetric padding=1 would shift every feature map by a pixel;
  * BatchNormalization epsilon is 1e-3 (PyTorch defaults to 1e-5);
  * activations are ReLU6 (ReLU with max_value 6).
Module names are stable: training code freezes parameters by prefix (blocks.N., last_conv., last_bn.).
"""

from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

BN_EPS = 1e-3

# (in, out, stride, expansion) for expanded_conv, block_1 ... block_16, as in keras.applications.
BLOCKS: List[Tuple[int, int, int, int]] = [
    (32, 16, 1, 1),
    (16, 24, 2, 6), (24, 24, 1, 6),
    (24, 32, 2, 6), (32, 32, 1, 6), (32, 32, 1, 6),
    (32, 64, 2, 6), (64, 64, 1, 6), (64, 64, 1, 6), (64, 64, 1, 6),
    (64, 96, 1, 6), (96, 96, 1, 6), (96, 96, 1, 6),
    (96, 160, 2, 6), (160, 160, 1, 6), (160, 160, 1, 6),
    (160, 320, 1, 6),
]


def bn(channels: int) -> nn.BatchNorm2d:
    return nn.BatchNorm2d(channels, eps=BN_EPS, momentum=0.01)


class InvertedResidual(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int, expansion: int):
        super().__init__()
        hidden = cin * expansion
        if expansion != 1:
            self.expand = nn.Sequential(nn.Conv2d(cin, hidden, 1, bias=False), bn(hidden), nn.ReLU6())
        else:
            self.expand = nn.Sequential(nn.Identity())
        if stride == 2:
            # Keras' correct_pad for even inputs: nothing before, one row/column after.
            self.pad = nn.Sequential(nn.ZeroPad2d((0, 1, 0, 1)))
            padding = 0
        else:
            self.pad = nn.Sequential(nn.Identity())
            padding = 1
        self.depthwise = nn.Sequential(
            nn.Conv2d(hidden, hidden, 3, stride=stride, padding=padding, groups=hidden, bias=False),
            bn(hidden),
            nn.ReLU6(),
        )
        self.project = nn.Sequential(nn.Conv2d(hidden, cout, 1, bias=False), bn(cout))
        self.residual: bool = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.project(self.depthwise(self.pad(self.expand(x))))
        if self.residual:
            return x + y
        return y


class MobileNetV2Features(nn.Module):
    """(N, 3, 224, 224) RGB scaled to [0, 1] -> (N, 1280): the global average of Keras' out_relu."""

    def __init__(self):
        super().__init__()
        self.stem_pad = nn.ZeroPad2d((0, 1, 0, 1))
        self.stem_conv = nn.Conv2d(3, 32, 3, stride=2, padding=0, bias=False)
        self.stem_bn = bn(32)
        self.blocks = nn.ModuleList([InvertedResidual(*b) for b in BLOCKS])
        self.last_conv = nn.Conv2d(320, 1280, 1, bias=False)
        self.last_bn = bn(1280)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu6(self.stem_bn(self.stem_conv(self.stem_pad(x))))
        for block in self.blocks:
            x = block(x)
        x = F.relu6(self.last_bn(self.last_conv(x)))
        return x.mean(dim=[2, 3])


class NsfwHead(nn.Module):
    """nsfwjs' classifier head: (N, 1280) features -> (N, 5) probabilities.

    Classes in order: drawing, hentai, neutral, porn, sexy.
    """

    def __init__(self):
        super().__init__()
        self.dense_1 = nn.Linear(1280, 256)
        self.dropout_1 = nn.Dropout(0.5)
        self.dense_2 = nn.Linear(256, 128)
        self.dropout_2 = nn.Dropout(0.25)
        self.dense_3 = nn.Linear(128, 5)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        x = self.dropout_1(F.relu(self.dense_1(features)))
        x = self.dropout_2(F.relu(self.dense_2(x)))
        return F.softmax(self.dense_3(x), dim=1)


class NsfwNet(nn.Module):
    """The whole nsfwjs network: (N, 3, 224, 224) in [0, 1] -> (N, 5) probabilities."""

    def __init__(self, features: MobileNetV2Features, head: NsfwHead):
        super().__init__()
        self.features = features
        self.head = head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


# Keras layer name of each block, in BLOCKS order.
KERAS_BLOCK_NAMES = ["expanded_conv"] + [f"block_{i}" for i in range(1, 17)]
