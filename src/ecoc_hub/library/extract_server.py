"""Imported once by the extraction server (``tasks.run_extraction``), never
elsewhere: warms the extractors up before children are forked from it."""

import gc

from .extract import warm_up

warm_up()
# Objects of the server stay out of the children's garbage collections, so
# children do not touch (and copy) the memory pages they share with it.
gc.freeze()
