using System.Text;
using Booster.Runtime.DataImports;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>
/// pg_query's JSON against what the original booster's serde_json (1.0.145, default features:
/// BTreeMap objects, ryu floats) writes for the same values; the expected texts follow serde_json's
/// and ryu's documented formats.
/// </summary>
public class OriginalJsonTests
{
    private static string Written(Action<SerdeJsonWriter> write)
    {
        var writer = new SerdeJsonWriter();
        write(writer);
        return Encoding.UTF8.GetString(writer.Written);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(2.25, "2.25")]
    [InlineData(0.1, "0.1")]
    [InlineData(100.0, "100.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e16")]
    [InlineData(1.2345678901234568e22, "1.2345678901234568e22")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001234, "0.00001234")]
    [InlineData(0.000001, "1e-6")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(-2.5e-300, "-2.5e-300")]
    [InlineData(double.MaxValue, "1.7976931348623157e308")]
    [InlineData(5e-324, "5e-324")]
    public void FloatsAreWrittenAsRyuWritesThem(double value, string text) => ShortestDouble.Format(value).Should().Be(text);

    [Fact]
    public void AFloat4IsWidenedToADoubleFirstAsTheOriginalDoes() =>
        Written(w => PostgresValueJson.Write(w, PostgresValueJson.Float4, "float4", 0.1f)).Should().Be("0.10000000149011612");

    [Fact]
    public void NaNAndInfinitiesAreNull()
    {
        Written(w => PostgresValueJson.Write(w, PostgresValueJson.Float8, "float8", double.NaN)).Should().Be("null");
        Written(w => PostgresValueJson.Write(w, PostgresValueJson.Float8, "float8", double.NegativeInfinity)).Should().Be("null");
        Written(w => PostgresValueJson.Write(w, PostgresValueJson.Float4, "float4", float.PositiveInfinity)).Should().Be("null");
    }

    [Fact]
    public void StringsEscapeOnlyWhatJsonRequires() =>
        Written(w => w.String("O'Brien <&> + José 日本 / \u2028 \u007f \"q\" \\ \b\f\n\r\t \u0001\u001f"))
            .Should().Be("\"O'Brien <&> + José 日本 / \u2028 \u007f \\\"q\\\" \\\\ \\b\\f\\n\\r\\t \\u0001\\u001f\"");

    [Fact]
    public void ContainersAreCompactWithCommasBetweenMembers() =>
        Written(w =>
        {
            w.StartArray();
            w.StartObject(); w.PropertyName("a"); w.Integer(1); w.PropertyName("b"); w.StartArray(); w.Bool(true); w.Null(); w.EndArray(); w.EndObject();
            w.StartObject(); w.EndObject();
            w.EndArray();
        }).Should().Be("""[{"a":1,"b":[true,null]},{}]""");

    [Theory]
    [InlineData("""{"b": 1, "a": [1, 2.50, -3], "c": {"z": null, "y": "x"}}""", """{"a":[1,2.5,-3],"b":1,"c":{"y":"x","z":null}}""")]
    [InlineData("""{"k": 1, "k": 2}""", """{"k":2}""")]
    [InlineData("""{"é": 1, "z": 2, "Z": 3, "😀": 4, "": 5}""", """{"":5,"Z":3,"z":2,"é":1,"😀":4}""")]
    [InlineData("1e2", "100.0")]
    [InlineData("-0", "-0.0")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("18446744073709551616", "1.8446744073709552e19")]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    [InlineData("-9223372036854775809", "-9.223372036854776e18")]
    [InlineData("\"a\\u00e9\\/\"", "\"aé/\"")]
    [InlineData("  [ ]  ", "[]")]
    public void JsonColumnsAreParsedAndWrittenAgainAsSerdeJsonValues(string text, string expected) =>
        Written(w => JsonColumnValue.Write(w, text)).Should().Be(expected);

    [Theory]
    [InlineData("1e400")]
    [InlineData("\"\\ud800\"")]
    public void JsonThatSerdeJsonCannotReadIsNull(string text) => Written(w => JsonColumnValue.Write(w, text)).Should().Be("null");

    [Fact]
    public void NestingDeeperThanSerdeJsonsLimitIsNull()
    {
        Written(w => JsonColumnValue.Write(w, new string('[', 127) + new string(']', 127))).Should().Be(new string('[', 127) + new string(']', 127));
        Written(w => JsonColumnValue.Write(w, new string('[', 128) + new string(']', 128))).Should().Be("null");
    }

    [Fact]
    public void KeysSortByCodePointAsARustBTreeMapSortsThem()
    {
        var keys = new List<string> { "\uFF5E", "😀", "b", "B", "a", "é" };

        keys.Sort(CodePointOrder.Instance);

        keys.Should().Equal("B", "a", "b", "é", "\uFF5E", "😀"); // UTF-16 ordinal order would put the emoji (a surrogate pair) before U+FF5E
    }

    [Fact]
    public void TypesTheOriginalDecodesAreWrittenAsItWritesThem()
    {
        Written(w => PostgresValueJson.Write(w, PostgresValueJson.Uuid, "uuid", Guid.Parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")))
            .Should().Be("\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"");
        Written(w => PostgresValueJson.Write(w, PostgresValueJson.Bytea, "bytea", new byte[] { 0, 1, 255 })).Should().Be("\"AAH/\"");
        Written(w => PostgresValueJson.Write(w, 99999, "citext", "Mixed")).Should().Be("\"Mixed\"");
        Written(w => PostgresValueJson.Write(w, PostgresValueJson.Jsonb, "jsonb", """{"b": 1, "a": 2}""")).Should().Be("""{"a":2,"b":1}""");
        Written(w => PostgresValueJson.Write(w, PostgresValueJson.Int8, "int8", long.MinValue)).Should().Be("-9223372036854775808");
        Written(w => PostgresValueJson.Write(w, PostgresValueJson.Text, "text", DBNull.Value)).Should().Be("null");
    }
}
