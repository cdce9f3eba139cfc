"""The pure core: model, codec, validation, numbering, semantic diff, merge. No I/O."""
