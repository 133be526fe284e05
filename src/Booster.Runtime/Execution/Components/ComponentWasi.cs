using System.Runtime.InteropServices;
using Booster.Runtime.Execution.Wasi;
using Wasmtime;
using static Booster.Runtime.Execution.Native.WasmtimeNative;

namespace Booster.Runtime.Execution.Components;

/// <summary>
/// The WASI 0.2 context of one component run, made through the C API: argv (the module's name,
/// then the request's arguments), the request's environment and nothing of the host's, stdin
/// from the request's bytes, the module's read-only folders as preopens (none unless its settings
/// grant them), and stdout and stderr captured into the execution's <see cref="OutputCapture"/>s,
/// which keep at most their cap and drop the rest (the guest sees every write succeed).
/// Network stays off: the configuration never allows sockets or name lookups.
/// </summary>
internal static unsafe class ComponentWasi
{
    public static void Install(Store store, GuestArguments arguments, IReadOnlyList<KeyValuePair<string, string>> environment,
        byte[]? stdin, IReadOnlyList<FileGrant> folders, OutputCapture stdout, OutputCapture stderr)
    {
        var config = ReadOnlyFolders.NewConfig(folders, stdin);
        try
        {
            if (!SetStrings(config, arguments.Argv, null)) throw new WasmtimeException("the arguments could not be given to the guest");
            if (!SetStrings(config, environment.Select(v => v.Key).ToList(), environment.Select(v => v.Value).ToList()))
                throw new WasmtimeException("the environment could not be given to the guest");
            wasi_config_set_stdout_custom(config, &Write, GCHandle.ToIntPtr(GCHandle.Alloc(stdout)), &Release);
            wasi_config_set_stderr_custom(config, &Write, GCHandle.ToIntPtr(GCHandle.Alloc(stderr)), &Release);
        }
        catch
        {
            wasi_config_delete(config);
            throw;
        }
        ReadOnlyFolders.Install(store, config);
    }

    /// <summary>argv when <paramref name="values"/> is null; otherwise environment names and values.</summary>
    private static bool SetStrings(nint config, IReadOnlyList<string> names, IReadOnlyList<string>? values)
    {
        if (names.Count == 0) return true;
        var strings = new nint[names.Count * (values is null ? 1 : 2)];
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                strings[i] = Marshal.StringToCoTaskMemUTF8(names[i]);
                if (values is not null) strings[names.Count + i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            }
            fixed (nint* all = strings)
            {
                return values is null
                    ? wasi_config_set_argv(config, (nuint)names.Count, (byte**)all)
                    : wasi_config_set_env(config, (nuint)names.Count, (byte**)all, (byte**)(all + names.Count));
            }
        }
        finally
        {
            foreach (var text in strings) Marshal.FreeCoTaskMem(text);
        }
    }

    /// <summary>Called by Wasmtime for each write of the guest; must never let an exception out.</summary>
    [UnmanagedCallersOnly]
    private static nint Write(nint capture, byte* data, nuint length)
    {
        try
        {
            var target = (OutputCapture)GCHandle.FromIntPtr(capture).Target!;
            // Capped: past the cap, bytes are dropped and the capture says so.
            for (nuint done = 0; done < length;)
            {
                var chunk = (int)Math.Min(length - done, int.MaxValue);
                target.Write(new ReadOnlySpan<byte>(data + done, chunk));
                done += (nuint)chunk;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Dropping output is all a failure here may cost.
        }
        return (nint)length;
    }

    [UnmanagedCallersOnly]
    private static void Release(nint capture) => GCHandle.FromIntPtr(capture).Free();
}
