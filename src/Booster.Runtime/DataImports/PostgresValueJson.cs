namespace Booster.Runtime.DataImports;

/// <summary>
/// One <c>pg_query</c> value, decided by its column's type as the original booster's
/// <c>query_json</c> decides it: bool, int2/4/8, float4 (widened to a double, so 0.1 is
/// 0.10000000149011612) and float8, text/varchar/bpchar/name (and the types tokio-postgres
/// reads as text: unknown, citext, ltree, lquery, ltxtquery), uuid, json/jsonb re-serialised,
/// bytea as base64. Every other type is null there; Booster writes it with
/// <see cref="BoosterValueJson"/> instead (a documented difference). Pure.
/// </summary>
internal static class PostgresValueJson
{
    // pg_type OIDs of the built-in types the original decodes.
    public const uint Bool = 16, Bytea = 17, Name = 19, Int8 = 20, Int2 = 21, Int4 = 23, Text = 25, Json = 114,
        Float4 = 700, Float8 = 701, Unknown = 705, Bpchar = 1042, Varchar = 1043, Uuid = 2950, Jsonb = 3802;

    /// <summary>Extension types tokio-postgres also reads as text, by name (their OIDs vary per database).</summary>
    private static readonly HashSet<string> TextByName = ["citext", "ltree", "lquery", "ltxtquery"];

    /// <summary>True when the value is read as text (json/jsonb included, which are parsed again).</summary>
    public static bool IsText(uint oid, string typeName) =>
        oid is Text or Varchar or Bpchar or Name or Unknown or Json or Jsonb || TextByName.Contains(typeName);

    public static void Write(SerdeJsonWriter writer, uint oid, string typeName, object? value)
    {
        if (value is null or DBNull)
        {
            writer.Null();
            return;
        }
        switch (oid)
        {
            case Json or Jsonb: JsonColumnValue.Write(writer, (string)value); break;
            case Float4: writer.Float((float)value); break;
            case Bytea: writer.String(Convert.ToBase64String((byte[])value)); break;
            case Uuid: writer.String(((Guid)value).ToString("D")); break;
            default:
                if (IsText(oid, typeName)) writer.String((string)value);
                else BoosterValueJson.Write(writer, value); // bool, integers and float8 are written alike
                break;
        }
    }
}
