namespace Booster.Runtime.Execution;

/// <summary>The result of one execution: its outcome, exit code, captured output and duration.</summary>
internal sealed record ExecutionResult(
    ExecutionOutcome Outcome,
    int? ExitCode,
    string Stdout,
    string Stderr,
    bool Truncated,
    TimeSpan Duration,
    string? FailureMessage);
