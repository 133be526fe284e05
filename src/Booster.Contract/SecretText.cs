namespace Booster.Contract;

/// <summary>
/// A secret setting (the bearer token). Its text never appears when the settings are printed,
/// logged or compared in a failure message: only <see cref="Value"/> gives it out.
/// </summary>
public sealed record SecretText(string Value)
{
    public override string ToString() => "(hidden)";
}
