// Test-only stand-in for an optional (performance) script: it records that it ran.
window.bokraoProbeRan = true;
window.bokraoProbeRuns = (window.bokraoProbeRuns || 0) + 1;
