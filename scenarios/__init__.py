"""The bundled scenario library (YAML), shipped as package data and read with
importlib.resources by ``simulator.scenario.library``. No code lives here."""
