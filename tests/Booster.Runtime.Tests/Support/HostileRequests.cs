using System.Globalization;
using System.Text;

namespace Booster.Runtime.Tests.Support;

/// <summary>One generated request: what to send, and how to show it when it fails.</summary>
internal sealed record FuzzRequest(HttpMethod Method, string Path, byte[]? Body, string? ContentType, bool Chunked)
{
    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Body.Length > 300
            ? $"{Body.Length} bytes, starting {Escape(Body.AsSpan(0, 300))}…"
            : Escape(Body);
        return $"{Method} {Path} content-type={ContentType ?? "(none)"} chunked={Chunked} body={body}";
    }

    private static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes) text.Append(b is >= 0x20 and < 0x7F and not (byte)'\\' ? (char)b : $"\\x{b:X2}");
        return text.ToString();
    }
}

/// <summary>
/// Seeded generator of hostile run requests: JSON objects whose fields hold every wrong type,
/// invalid UTF-8, escaped lone surrogates, NUL and '=' in names, huge numbers, deep nesting,
/// duplicate keys; byte-level mutations of valid bodies; random bytes; odd paths and methods.
/// The same seed gives the same requests, so a failure can be replayed.
/// </summary>
internal sealed class HostileRequests(int seed, IReadOnlyList<string> modules)
{
    private static readonly string[] Fields = ["name", "module", "args", "env", "stdin", "stdin_base64", "timeout_ms"];
    private static readonly string[] ContentTypes = ["application/json", "text/plain", "application/json; charset=latin1", "multipart/form-data; boundary=x", "text/json; charset=utf-7"];
    private static readonly string[] Methods = ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"];

    private readonly Random _random = new(seed);

    public FuzzRequest Next()
    {
        var path = Path();
        var body = _random.Next(10) switch
        {
            < 6 => JsonObject(),
            < 8 => Mutate(JsonObject()),
            8 => RandomBytes(_random.Next(0, 200)),
            _ => Encoding.UTF8.GetBytes(Pick(["", "null", "[]", "\"x\"", "1e999999", "{", "}", "{}{}", "\uFEFF{}", "{\"name\":\"a\"}\0"])),
        };
        var method = _random.Next(20) == 0 ? new HttpMethod(Pick(Methods)) : HttpMethod.Post;
        return new FuzzRequest(method, path, method == HttpMethod.Get ? null : body,
            _random.Next(4) == 0 ? null : Pick(ContentTypes), Chunked: _random.Next(4) == 0);
    }

    private string Path() => _random.Next(10) switch
    {
        < 5 => "/run",
        < 8 => $"/modules/{ModuleName()}/run",
        8 => Pick(["/health", "/ready", "/modules", "/info", "/metrics", "/nope", "/run/", "/modules//run"]),
        _ => $"/modules/{ModuleName()}/run?{ModuleName()}={ModuleName()}",
    };

    private string ModuleName() => _random.Next(8) switch
    {
        < 4 => Pick(modules),
        4 => "missing" + _random.Next(100).ToString(CultureInfo.InvariantCulture),
        5 => Pick([".hidden", "a%2Fb", "%FF", "%C3%28", "%ED%A0%80", "%00", "a=b", "%E2%82%AC", "..", "x%20y"]),
        6 => new string('m', _random.Next(120, 300)),
        _ => string.Concat(RandomBytes(_random.Next(1, 12)).Select(b => $"%{b:X2}")),
    };

    /// <summary>An object with some of the run fields and some unknown ones, each holding anything.</summary>
    private byte[] JsonObject()
    {
        var json = new List<byte>();
        Append(json, "{");
        var count = _random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) Append(json, ",");
            var field = _random.Next(6) == 0 ? RandomText() : Pick(Fields);
            json.AddRange(JsonString(field));
            Append(json, ":");
            json.AddRange(Value(field, depth: 0));
        }
        if (count > 0 && _random.Next(8) == 0) // a duplicate key
        {
            Append(json, ",");
            json.AddRange(JsonString(Pick(Fields)));
            Append(json, ":\"again\"");
        }
        Append(json, "}");
        return [.. json];
    }

    /// <summary>A value for a field: usually of the right type with hostile content, sometimes anything at all.</summary>
    private byte[] Value(string field, int depth)
    {
        if (_random.Next(4) == 0 || depth > 0) return AnyValue(depth);
        return field switch
        {
            "args" => Array(() => JsonString(RandomText())),
            "env" => Object(() => JsonString(EnvName()), () => JsonString(RandomText())),
            "timeout_ms" => Encoding.UTF8.GetBytes(Number()),
            "module" => JsonString(_random.Next(2) == 0 ? Pick(modules) : RandomText()),
            "stdin_base64" => JsonString(_random.Next(2) == 0 ? Convert.ToBase64String(RandomBytes(_random.Next(50))) : RandomText()),
            _ => JsonString(RandomText()),
        };
    }

    private byte[] AnyValue(int depth)
    {
        // Nesting goes past the parser's depth limit now and then.
        var kind = depth > 12 ? _random.Next(4) : _random.Next(7);
        return kind switch
        {
            0 => JsonString(RandomText()),
            1 => Encoding.UTF8.GetBytes(Number()),
            2 => Encoding.UTF8.GetBytes(Pick(["true", "false", "null"])),
            3 => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)),
            4 => Array(() => AnyValue(depth + 1)),
            _ => Object(() => JsonString(RandomText()), () => AnyValue(depth + 1)),
        };
    }

    private byte[] Array(Func<byte[]> item)
    {
        var json = new List<byte> { (byte)'[' };
        var count = _random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) json.Add((byte)',');
            json.AddRange(item());
        }
        json.Add((byte)']');
        return [.. json];
    }

    private byte[] Object(Func<byte[]> key, Func<byte[]> value)
    {
        var json = new List<byte> { (byte)'{' };
        var count = _random.Next(0, 5);
        var keys = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            if (i > 0) json.Add((byte)',');
            var name = keys.Count > 0 && _random.Next(6) == 0 ? Pick(keys) : key(); // duplicates too
            keys.Add(name);
            json.AddRange(name);
            json.Add((byte)':');
            json.AddRange(value());
        }
        json.Add((byte)'}');
        return [.. json];
    }

    private string EnvName() => _random.Next(6) switch
    {
        0 => "",
        1 => "A=B",
        2 => "A\0B",
        3 => "\uD800",
        _ => RandomText(),
    };

    private string Number() => _random.Next(8) switch
    {
        0 => "0",
        1 => "-1",
        2 => "1.5",
        3 => "1e400",
        4 => new string('9', _random.Next(10, 400)),
        5 => "2147483648",
        6 => "-0",
        _ => _random.Next(1, 20000).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Text with hostile pieces: NUL, '=', control characters, lone surrogates, emoji, long runs.</summary>
    private string RandomText()
    {
        var text = new StringBuilder();
        var pieces = _random.Next(0, 6);
        for (var i = 0; i < pieces; i++)
        {
            text.Append(_random.Next(10) switch
            {
                0 => "\0",
                1 => "=",
                2 => ((char)_random.Next(0, 32)).ToString(),
                3 => ((char)_random.Next(0xD800, 0xE000)).ToString(), // a lone surrogate
                4 => "\U0001F600",
                5 => new string('x', _random.Next(100, 5000)),
                6 => "\"\\/",
                _ => Convert.ToHexString(RandomBytes(_random.Next(1, 16))),
            });
        }
        return text.ToString();
    }

    /// <summary>
    /// A JSON string literal. Lone surrogates and control characters are written as escapes
    /// (which is how a client can send them); now and then raw invalid UTF-8 goes in as well.
    /// </summary>
    private byte[] JsonString(string text)
    {
        var literal = new StringBuilder("\"", text.Length + 2);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                literal.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c) || c < 0x20 || c is '"' or '\\')
                literal.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                literal.Append(c);
        }
        var json = new List<byte>(Encoding.UTF8.GetBytes(literal.ToString()));
        if (_random.Next(10) == 0) json.AddRange(Pick<byte[]>([[0xFF], [0xC3, 0x28], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]));
        json.Add((byte)'"');
        return [.. json];
    }

    private byte[] Mutate(byte[] body)
    {
        var bytes = body.ToList();
        var edits = _random.Next(1, 4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = _random.Next(bytes.Count);
            switch (_random.Next(3))
            {
                case 0: bytes[at] = (byte)_random.Next(256); break;
                case 1: bytes.Insert(at, (byte)_random.Next(256)); break;
                default: bytes.RemoveRange(at, _random.Next(1, bytes.Count - at + 1)); break;
            }
        }
        return [.. bytes];
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static void Append(List<byte> json, string text) => json.AddRange(Encoding.UTF8.GetBytes(text));
}
