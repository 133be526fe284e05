using System.Text;

namespace Booster.Contract;

/// <summary>
/// Splits a PostgreSQL connection string into its parameters, in order, the way the original
/// booster's driver (tokio-postgres) reads one: a <c>postgres://</c> or <c>postgresql://</c> URL
/// (<c>user:password@host1:port1,host2/dbname?key=value&amp;…</c>, percent-encoded, a unix-socket
/// host percent-encoded as <c>%2Fpath</c>) or libpq's <c>key=value</c> form (values quoted with
/// <c>'</c>, <c>\</c> escaping). Hosts and ports come out as one <c>host</c> and one <c>port</c>
/// pair per URL host. Pure; an error never contains the text it failed on.
/// </summary>
public static class DataImportPostgresTokens
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static (List<KeyValuePair<string, string>>? Parameters, string? Error) Split(string text)
    {
        try
        {
            foreach (var prefix in (string[])["postgres://", "postgresql://"])
                if (text.StartsWith(prefix, StringComparison.Ordinal)) return (FromUrl(text[prefix.Length..]), null);
            return (FromKeyValues(text), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    private static List<KeyValuePair<string, string>> FromUrl(string rest)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        void Add(string key, string value) => parameters.Add(new(key, value));

        // Like libpq and tokio-postgres: the credentials end at the first '@'.
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var credentials = rest[..at];
            rest = rest[(at + 1)..];
            var colon = credentials.IndexOf(':');
            Add("user", Decode(colon < 0 ? credentials : credentials[..colon], "user"));
            if (colon >= 0) Add("password", Decode(credentials[(colon + 1)..], "password"));
        }

        var hostEnd = rest.IndexOfAny(['/', '?']);
        var hosts = hostEnd < 0 ? rest : rest[..hostEnd];
        rest = hostEnd < 0 ? "" : rest[hostEnd..];
        if (hosts.Length > 0)
            foreach (var chunk in hosts.Split(','))
            {
                string host;
                string? port;
                if (chunk.StartsWith('['))
                {
                    var close = chunk.IndexOf(']');
                    if (close < 0) throw new FormatException("parameter 'host': an IPv6 address lacks its closing ']'");
                    host = chunk[1..close];
                    var after = chunk[(close + 1)..];
                    if (after.Length > 0 && after[0] != ':') throw new FormatException("parameter 'host': only ':port' may follow an IPv6 address");
                    port = after.Length > 0 ? after[1..] : null;
                }
                else
                {
                    var colon = chunk.IndexOf(':');
                    host = colon < 0 ? chunk : chunk[..colon];
                    port = colon < 0 ? null : chunk[(colon + 1)..];
                }
                Add("host", Decode(host, "host"));
                Add("port", Decode(port ?? "5432", "port"));
            }

        if (rest.StartsWith('/'))
        {
            var queryStart = rest.IndexOf('?');
            var database = queryStart < 0 ? rest[1..] : rest[1..queryStart];
            rest = queryStart < 0 ? "" : rest[queryStart..];
            if (database.Length > 0) Add("dbname", Decode(database, "dbname"));
        }

        if (rest.StartsWith('?'))
            foreach (var pair in rest[1..].Split('&'))
            {
                if (pair.Length == 0) continue;
                var equals = pair.IndexOf('=');
                if (equals < 0) throw new FormatException("a query parameter has no '=value'");
                var key = Decode(pair[..equals], "a query parameter's name");
                Add(key, Decode(pair[(equals + 1)..], key));
            }
        return parameters;
    }

    private static string Decode(string text, string what)
    {
        if (!text.Contains('%')) return text;
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }
        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException($"{(what.StartsWith("a ", StringComparison.Ordinal) ? what : $"parameter '{what}'")} is not UTF-8 once percent-decoded");
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static List<KeyValuePair<string, string>> FromKeyValues(string text)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            var keyStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '=') i++;
            if (i == keyStart) return parameters;
            var key = text[keyStart..i];
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length || text[i] != '=') throw new FormatException("expected key=value pairs (or a postgres:// URL): a key lacks its '='");
            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '\'')
            {
                i++;
                while (i < text.Length && text[i] != '\'') Take(value);
                if (i >= text.Length) throw new FormatException($"parameter '{Shown(key)}': a quoted value is not terminated");
                i++;
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i])) Take(value);
                if (value.Length == 0) throw new FormatException($"parameter '{Shown(key)}' has no value (quote an empty one: '')");
            }
            parameters.Add(new(key, value.ToString()));
        }

        void Take(StringBuilder value)
        {
            if (text[i] == '\\' && i + 1 < text.Length) i++;
            else if (text[i] == '\\') { i++; return; }
            value.Append(text[i++]);
        }
    }

    /// <summary>A key as it may be shown: keys are names, but a mistyped string could put a secret there.</summary>
    public static string Shown(string key) => key.Length <= 40 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? key : "(not shown)";
}
