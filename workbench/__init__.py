"""The investigator workbench: a web application over flags, the repository and cases (docs/workbench.md)."""
