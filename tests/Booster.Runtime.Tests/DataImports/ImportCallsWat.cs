using System.Text;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>
/// A WAT module that makes the given data import calls with exact arguments (hostile ones
/// included) and prints one character per call: '@' + its return code ('=' is -3, '@' is 0).
/// Memory is one page; "k" at 16, the invalid UTF-8 bytes ff fe at 32, "INSERT INTO hits VALUES (1)" at 48.
/// </summary>
internal static class ImportCallsWat
{
    public const int Key = 16, NotUtf8 = 32, Insert = 48, InsertLength = 27, PageEnd = 65536;

    private static readonly Dictionary<string, (string Module, string Params)> Signatures = new()
    {
        ["redis_get"] = ("bosbase_redis", "i32 i32 i32 i32"),
        ["redis_set"] = ("bosbase_redis", "i32 i32 i32 i32"),
        ["redis_set_ex"] = ("bosbase_redis", "i32 i32 i32 i32 i64"),
        ["redis_exists"] = ("bosbase_redis", "i32 i32"),
        ["redis_del"] = ("bosbase_redis", "i32 i32"),
        ["pg_exec"] = ("bosbase_postgres", "i32 i32"),
        ["pg_query"] = ("bosbase_postgres", "i32 i32 i32 i32"),
    };

    /// <summary>Each call: a function name and its arguments (the last one of redis_set_ex is the i64 TTL).</summary>
    public static string Module(params (string Function, long[] Args)[] calls)
    {
        var body = new StringBuilder();
        for (var i = 0; i < calls.Length; i++)
        {
            var (function, args) = calls[i];
            var types = Signatures[function].Params.Split(' ');
            var operands = string.Join(' ', args.Select((a, j) => $"({types[j]}.const {a})"));
            body.AppendLine($"(i32.store8 (i32.const {1024 + i}) (i32.add (i32.const 64) (call ${function} {operands})))");
        }
        var imports = string.Join('\n', Signatures.Select(s =>
            $"(import \"{s.Value.Module}\" \"{s.Key}\" (func ${s.Key} (param {s.Value.Params}) (result i32)))"));
        return $$"""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              {{imports}}
              (memory (export "memory") 1)
              (data (i32.const {{Key}}) "k")
              (data (i32.const {{NotUtf8}}) "\ff\fe")
              (data (i32.const {{Insert}}) "INSERT INTO hits VALUES (1)")
              (func (export "_start")
                {{body}}
                (i32.store (i32.const 0) (i32.const 1024))
                (i32.store (i32.const 4) (i32.const {{calls.Length}}))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """;
    }

    /// <summary>The output expected for these return codes.</summary>
    public static string Codes(params int[] codes) => new(codes.Select(c => (char)(64 + c)).ToArray());
}
