using YamlDotNet.RepresentationModel;

namespace Booster.Deployment.Tests.Support;

/// <summary>Chart.yaml and values.yaml of charts/booster, read as YAML.</summary>
internal static class ChartFile
{
    public static string AppVersion => Scalar(Load("Chart.yaml"), "appVersion");

    public static string Version => Scalar(Load("Chart.yaml"), "version");

    public static YamlMappingNode Values => Load("values.yaml");

    public static string Scalar(YamlNode node, params string[] path)
    {
        foreach (var key in path) node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return ((YamlScalarNode)node).Value!;
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Chart, file))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
