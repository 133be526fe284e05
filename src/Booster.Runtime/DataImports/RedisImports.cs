using StackExchange.Redis;
using Wasmtime;

namespace Booster.Runtime.DataImports;

/// <summary>
/// The <c>bosbase_redis</c> host functions, with the original booster's signatures and return
/// codes. Keys are UTF-8, values raw bytes. Pointers and lengths are checked before anything is
/// sent; without REDIS_URL (<paramref name="backend"/> null) every call answers its error code.
/// </summary>
internal sealed class RedisImports(RedisBackend? backend, ImportCalls calls)
{
    public const string ModuleName = "bosbase_redis";

    // redis_get
    private const int GetNotFound = -1, GetBufferTooSmall = -2, GetBadInput = -3, GetError = -4;
    // redis_set, redis_set_ex
    private const int SetError = -1, SetBadInput = -2;
    // redis_exists, redis_del
    private const int KeyError = -1;

    public void Define(Linker linker)
    {
        linker.DefineFunction(ModuleName, "redis_get", (CallerFunc<int, int, int, int, int>)Get);
        linker.DefineFunction(ModuleName, "redis_set", (CallerFunc<int, int, int, int, int>)Set);
        linker.DefineFunction(ModuleName, "redis_set_ex", (CallerFunc<int, int, int, int, long, int>)SetEx);
        linker.DefineFunction(ModuleName, "redis_exists", (CallerFunc<int, int, int>)Exists);
        linker.DefineFunction(ModuleName, "redis_del", (CallerFunc<int, int, int>)Delete);
    }

    private int Get(Caller caller, int keyPointer, int keyLength, int outPointer, int outLength) => calls.Run(caller, "redis_get", call =>
    {
        var key = GuestPointers.ReadUtf8(call.Memory, keyPointer, keyLength);
        if (key is null || !GuestPointers.InRange(call.Memory, outPointer, outLength)) return new(GetBadInput, ImportOutcome.BadInput);
        return Send(call, GetError, async db => await db.StringGetAsync(Key(call, key)).ConfigureAwait(false), value =>
        {
            if (value.IsNull) return new(GetNotFound, ImportOutcome.NotFound);
            var bytes = (byte[])value!;
            if (bytes.Length > outLength) return new(GetBufferTooSmall, ImportOutcome.BufferTooSmall);
            GuestPointers.Write(call.Memory, outPointer, bytes);
            return new(bytes.Length, ImportOutcome.Ok);
        });
    });

    private int Set(Caller caller, int keyPointer, int keyLength, int valuePointer, int valueLength) => calls.Run(caller, "redis_set", call =>
    {
        var key = GuestPointers.ReadUtf8(call.Memory, keyPointer, keyLength);
        var value = GuestPointers.ReadBytes(call.Memory, valuePointer, valueLength);
        if (key is null || value is null) return new(SetBadInput, ImportOutcome.BadInput);
        return Send(call, SetError, db => db.StringSetAsync(Key(call, key), value), stored => Stored(stored));
    });

    private int SetEx(Caller caller, int keyPointer, int keyLength, int valuePointer, int valueLength, long ttlSeconds) => calls.Run(caller, "redis_set_ex", call =>
    {
        var key = GuestPointers.ReadUtf8(call.Memory, keyPointer, keyLength);
        var value = GuestPointers.ReadBytes(call.Memory, valuePointer, valueLength);
        if (ttlSeconds < 0 || key is null || value is null) return new(SetBadInput, ImportOutcome.BadInput);
        // SETEX exactly as sent by the original: Redis itself refuses a TTL of 0 or one too large.
        return Send(call, SetError, db => db.ExecuteAsync("SETEX", (RedisKey)Key(call, key), ttlSeconds, (RedisValue)value), _ => new(0, ImportOutcome.Ok));
    });

    private int Exists(Caller caller, int keyPointer, int keyLength) => calls.Run(caller, "redis_exists", call =>
    {
        var key = GuestPointers.ReadUtf8(call.Memory, keyPointer, keyLength);
        if (key is null) return new(KeyError, ImportOutcome.BadInput);
        return Send(call, KeyError, db => db.KeyExistsAsync(Key(call, key)), exists => new(exists ? 1 : 0, ImportOutcome.Ok));
    });

    private int Delete(Caller caller, int keyPointer, int keyLength) => calls.Run(caller, "redis_del", call =>
    {
        var key = GuestPointers.ReadUtf8(call.Memory, keyPointer, keyLength);
        if (key is null) return new(KeyError, ImportOutcome.BadInput);
        // DEL itself (as the original sends), not the client's choice of UNLINK: an ACL may allow only DEL.
        return Send(call, KeyError, db => db.ExecuteAsync("DEL", (RedisKey)Key(call, key)), removed => new((int)Math.Min((long)removed, int.MaxValue), ImportOutcome.Ok));
    });

    private static ImportResult Stored(bool stored) => stored ? new(0, ImportOutcome.Ok) : new(SetError, ImportOutcome.Error);

    /// <summary>The key as sent: with the module's prefix, when its settings give one.</summary>
    private static string Key(ImportCalls.Context call, string key) => call.Grant?.Key(key) ?? key;

    private ImportResult Send<T>(ImportCalls.Context call, int errorCode, Func<IDatabase, Task<T>> command, Func<T, ImportResult> answer)
    {
        // The module's backend when it has settings (null when denied), else the runtime's.
        var chosen = call.Grant is { } grant ? grant.Redis : backend;
        return ImportCalls.Send(chosen, call, errorCode, token => chosen!.RunAsync(command, token), answer);
    }
}
