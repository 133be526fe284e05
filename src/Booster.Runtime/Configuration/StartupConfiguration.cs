using Booster.Contract;
using Booster.Runtime.Observability;

namespace Booster.Runtime.Configuration;

/// <summary>Everything the start-up checks read and accepted: what the server is built from.</summary>
internal sealed record StartupConfiguration(
    RuntimeSettings Settings,
    IReadOnlyList<string> Warnings,
    DataImportSettings DataImports,
    TracingOptions Tracing);
