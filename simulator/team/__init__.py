"""Trainers and teams (issue 6): who may see what, drills under drill rules, purge.

The rows live in simulator.store (models 0002, ``teams``, ``drills``); this package
holds the rules around them.
"""
