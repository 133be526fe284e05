using Booster.Runtime.Execution.Wasi;

namespace Booster.Runtime.DataImports;

/// <summary>
/// The data import backends of an execution's module, as the imports read them: the execution
/// carries its module's grant without knowing its type (<see cref="GuestState.HostGrant"/>).
/// </summary>
internal static class GuestDataImports
{
    extension(GuestState guest)
    {
        /// <summary>The module's backends; null: the runtime's.</summary>
        public DataImportGrant? DataImports => guest.HostGrant as DataImportGrant;
    }
}
