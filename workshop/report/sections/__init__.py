"""The report's sections, in reading order; each is `build(ctx) -> list[Flowable]`."""
