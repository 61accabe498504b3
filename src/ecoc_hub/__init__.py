"""ECoC Hub: capacity building and peer learning for European Capitals of Culture."""

__version__ = "0.1.0"
