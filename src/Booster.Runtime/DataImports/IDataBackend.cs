namespace Booster.Runtime.DataImports;

/// <summary>What a data import call needs of its backend when a call fails.</summary>
internal interface IDataBackend
{
    BackendHealth Health { get; }

    /// <summary>True for a failure of the connection or the login, false for an error the backend answered.</summary>
    bool IsUnavailable(Exception exception);

    /// <summary>Called after a connection failure (to drop pooled connections that are likely dead).</summary>
    void OnUnavailable();
}
