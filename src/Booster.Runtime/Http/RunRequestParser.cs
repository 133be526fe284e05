using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Booster.Contract;

namespace Booster.Runtime.Http;

/// <summary>
/// Reads a run request body. Pure: bytes in, a request or one clear error out. Unknown fields
/// are ignored, so clients of the original booster (which send only "name") keep working.
/// </summary>
internal static class RunRequestParser
{
    private const int MaxDepth = 8;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static (RunRequest? Request, string? Error) Parse(ReadOnlyMemory<byte> body, int maxTimeoutMs) =>
        Parse(new ReadOnlySequence<byte>(body), maxTimeoutMs);

    /// <summary>Parses the body where it lies (in the server's buffers), without copying it first.</summary>
    public static (RunRequest? Request, string? Error) Parse(ReadOnlySequence<byte> body, int maxTimeoutMs)
    {
        if (StartsWithBom(body)) body = body.Slice(Utf8Bom.Length);
        if (IsBlank(body)) return (new RunRequest(), null);

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
            if (!IsBlank(body.Slice(reader.BytesConsumed)))
            {
                document.Dispose();
                return (null, "the body must be a single JSON object");
            }
        }
        catch (JsonException e)
        {
            return (null, $"the body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "the body must be a JSON object");
            try
            {
                RejectDuplicates(root, "the body");
                return (Read(root, maxTimeoutMs), null);
            }
            catch (FieldException e)
            {
                return (null, e.Message);
            }
        }
    }

    private static RunRequest Read(JsonElement root, int maxTimeoutMs)
    {
        var stdinText = OptionalStringElement(root, "stdin");
        var stdinBase64 = OptionalStringElement(root, "stdin_base64");
        if (stdinText is not null && stdinBase64 is not null)
            throw new FieldException("give either 'stdin' or 'stdin_base64', not both");

        var module = OptionalString(root, "module");
        if (module is not null && !RuntimeSettingsParser.IsValidModuleName(module))
            throw new FieldException($"'module' must be a module name: {RuntimeSettingsParser.ModuleNameForm}");

        return new RunRequest
        {
            Module = module,
            Args = Args(root),
            Env = Env(root),
            Stdin = stdinText is { } text ? Utf8(text, "stdin") : stdinBase64 is { } base64 ? Base64(base64) : null,
            TimeoutMs = TimeoutMs(root, maxTimeoutMs),
        };
    }

    private static string? OptionalString(JsonElement root, string field) =>
        OptionalStringElement(root, field) is { } value ? Text(value, field) : null;

    private static JsonElement? OptionalStringElement(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw new FieldException($"'{field}' must be a string");
        return value;
    }

    /// <summary>
    /// A JSON string as UTF-8 bytes. Without escapes the raw bytes are the text, taken as they
    /// are: a large stdin makes no detour through a UTF-16 string twice its size.
    /// </summary>
    private static byte[] Utf8(JsonElement value, string field)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1]; // inside the quotes
        if (!raw.Contains((byte)'\\') && System.Text.Unicode.Utf8.IsValid(raw)) return raw.ToArray();
        return Encoding.UTF8.GetBytes(Text(value, field));
    }

    /// <summary>
    /// A JSON string as .NET text. The reader lets invalid UTF-8 and escaped lone surrogates
    /// (<c>"\ud800"</c>) through; they cannot become text, so they are the client's mistake.
    /// </summary>
    private static string Text(JsonElement value, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new FieldException($"'{field}' is not valid text: {NotText}");
        }
    }

    private static string Name(JsonProperty property, string where)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new FieldException($"{where} has a field name that is not valid text: {NotText}");
        }
    }

    private const string NotText = "it holds invalid UTF-8 or a lone UTF-16 surrogate";

    /// <summary>A field given twice is ambiguous: which one counts depends on the reader.</summary>
    private static void RejectDuplicates(JsonElement obj, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var name = Name(property, where);
            if (!seen.Add(name)) throw new FieldException($"{where} has the field '{Shorten(name)}' more than once");
        }
    }

    /// <summary>Names echoed in messages are cut, so that a huge name does not make a huge answer.</summary>
    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    /// <summary>Strings handed to the guest through WASI are C strings: no NUL inside.</summary>
    private static string? GuestString(JsonElement root, string field)
    {
        var text = OptionalString(root, field);
        if (text is not null && text.Contains('\0')) throw new FieldException($"'{field}' must not contain NUL characters");
        return text;
    }

    private static IReadOnlyList<string> Args(JsonElement root)
    {
        if (!root.TryGetProperty("args", out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array) throw new FieldException("'args' must be an array of strings");
        var args = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw new FieldException("'args' must be an array of strings");
            var arg = Text(item, $"args[{args.Count}]");
            if (arg.Contains('\0')) throw new FieldException("'args' must not contain NUL characters");
            args.Add(arg);
        }
        return args;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Env(JsonElement root)
    {
        var env = new List<KeyValuePair<string, string>>();
        var name = GuestString(root, "name");
        if (name is not null) env.Add(new("NAME", name));

        if (!root.TryGetProperty("env", out var value) || value.ValueKind == JsonValueKind.Null) return env;
        if (value.ValueKind != JsonValueKind.Object) throw new FieldException("'env' must be an object of string values");
        RejectDuplicates(value, "'env'");
        foreach (var variable in value.EnumerateObject())
        {
            var key = Name(variable, "'env'");
            if (key.Length == 0 || key.Contains('=') || key.Contains('\0'))
                throw new FieldException($"'env' has an invalid variable name '{Shorten(key)}': it must be non-empty, without '=' or NUL");
            if (variable.Value.ValueKind != JsonValueKind.String)
                throw new FieldException($"'env.{Shorten(key)}' must be a string");
            var text = Text(variable.Value, $"env.{Shorten(key)}");
            if (text.Contains('\0')) throw new FieldException($"'env.{Shorten(key)}' must not contain NUL characters");
            // An explicit env entry wins over "name".
            env.RemoveAll(e => e.Key == key);
            env.Add(new(key, text));
        }
        return env;
    }

    private static byte[] Base64(JsonElement value)
    {
        try
        {
            return Convert.FromBase64String(Text(value, "stdin_base64"));
        }
        catch (FormatException)
        {
            throw new FieldException("'stdin_base64' is not valid base64");
        }
    }

    private static int? TimeoutMs(JsonElement root, int maxTimeoutMs)
    {
        if (!root.TryGetProperty("timeout_ms", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var ms) || ms < 1 || ms > maxTimeoutMs)
            throw new FieldException($"'timeout_ms' must be an integer from 1 to {maxTimeoutMs} (BOOSTER_TIMEOUT_MS)");
        return ms;
    }

    private static bool IsBlank(ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
            foreach (var b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }

    private static bool StartsWithBom(ReadOnlySequence<byte> body)
    {
        if (body.Length < Utf8Bom.Length) return false;
        Span<byte> head = stackalloc byte[3];
        body.Slice(0, Utf8Bom.Length).CopyTo(head);
        return head.SequenceEqual(Utf8Bom);
    }

    private sealed class FieldException(string message) : Exception(message);
}
