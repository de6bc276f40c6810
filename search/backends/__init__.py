"""Wagtail search backends for page search, both Thai-aware.

- `search.backends.engine`: Elasticsearch or OpenSearch (whichever answers at the
  configured URL), with the engine's `thai` tokenizer.
- `search.backends.database`: Wagtail's database backend with PyThaiNLP segmentation,
  used when no engine is configured (fallback mode).
"""
