"""gwplan: draft next year's Chinese work plan (工作要点) from the plans of past years."""

__version__ = "0.1.0"
