namespace Booster.Runtime.DataImports;

/// <summary>How one data import call ended; the label of its metrics and span.</summary>
internal enum ImportOutcome
{
    /// <summary>Done: stored, read, counted.</summary>
    Ok,
    /// <summary>redis_get of a key that does not exist.</summary>
    NotFound,
    /// <summary>The answer did not fit the guest's buffer.</summary>
    BufferTooSmall,
    /// <summary>A bad pointer or length, non-UTF-8 text, a negative TTL: nothing was sent.</summary>
    BadInput,
    /// <summary>The backend answered with an error (bad SQL, wrong Redis type).</summary>
    Error,
    /// <summary>The backend could not be reached or refused the connection (down, wrong password).</summary>
    Unavailable,
    /// <summary>The import has no URL configured.</summary>
    Disabled,
    /// <summary>The execution's deadline passed during the call; the execution ends as a timeout.</summary>
    Timeout,
}

internal static class ImportOutcomeLabels
{
    public static string Label(this ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Ok => "ok",
        ImportOutcome.NotFound => "not_found",
        ImportOutcome.BufferTooSmall => "buffer_too_small",
        ImportOutcome.BadInput => "bad_input",
        ImportOutcome.Error => "error",
        ImportOutcome.Unavailable => "unavailable",
        ImportOutcome.Disabled => "disabled",
        _ => "timeout",
    };
}

/// <summary>What a host function returns to the guest, and how the call is counted.</summary>
internal readonly record struct ImportResult(int Code, ImportOutcome Outcome);
