using Wasmtime;

namespace Booster.Runtime.DataImports;

/// <summary>
/// The <c>bosbase_postgres</c> host functions, with the original booster's signatures and
/// return codes. SQL is UTF-8; pointers and lengths, the output buffer's included, are checked
/// before anything is sent; the JSON written never exceeds the guest's buffer. Without a URL
/// (<paramref name="backend"/> null) every call answers -1.
/// </summary>
internal sealed class PostgresImports(PostgresBackend? backend, ImportCalls calls)
{
    public const string ModuleName = "bosbase_postgres";

    // pg_exec
    private const int ExecError = -1, ExecBadInput = -2;
    // pg_query
    private const int QueryError = -1, QueryBufferTooSmall = -2, QueryBadInput = -3;

    public void Define(Linker linker)
    {
        linker.DefineFunction(ModuleName, "pg_exec", (CallerFunc<int, int, int>)Exec);
        linker.DefineFunction(ModuleName, "pg_query", (CallerFunc<int, int, int, int, int>)Query);
    }

    private int Exec(Caller caller, int sqlPointer, int sqlLength) => calls.Run(caller, "pg_exec", call =>
    {
        var sql = GuestPointers.ReadUtf8(call.Memory, sqlPointer, sqlLength);
        if (sql is null) return new(ExecBadInput, ImportOutcome.BadInput);
        var chosen = Backend(call);
        return ImportCalls.Send(chosen, call, ExecError, token => chosen!.ExecuteAsync(sql, token),
            rows => new((int)Math.Min(rows, int.MaxValue), ImportOutcome.Ok));
    });

    private int Query(Caller caller, int sqlPointer, int sqlLength, int outPointer, int outLength) => calls.Run(caller, "pg_query", call =>
    {
        var sql = GuestPointers.ReadUtf8(call.Memory, sqlPointer, sqlLength);
        if (sql is null || !GuestPointers.InRange(call.Memory, outPointer, outLength)) return new(QueryBadInput, ImportOutcome.BadInput);
        var chosen = Backend(call);
        return ImportCalls.Send(chosen, call, QueryError, token => chosen!.QueryJsonAsync(sql, outLength, token), json =>
        {
            if (json is null) return new(QueryBufferTooSmall, ImportOutcome.BufferTooSmall);
            GuestPointers.Write(call.Memory, outPointer, json);
            return new(json.Length, ImportOutcome.Ok);
        });
    });

    /// <summary>The module's backend when it has settings (null when denied), else the runtime's.</summary>
    private PostgresBackend? Backend(ImportCalls.Context call) => call.Grant is { } grant ? grant.Postgres : backend;
}
