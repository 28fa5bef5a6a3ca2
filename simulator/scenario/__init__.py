"""Scenario files: the model (``model``), safe YAML reading (``yamlsafe``), the format
description that drives both checks and the JSON Schema (``spec``, ``fields``), the
whole-scenario checks (``checks``), the public loading API (``loader``) and the
library of bundled and user scenarios (``library``)."""
