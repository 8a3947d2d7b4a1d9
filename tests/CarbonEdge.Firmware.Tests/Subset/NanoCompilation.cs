using System.Reflection;
using System.Xml.Linq;
using CarbonEdge.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CarbonEdge.Firmware.Tests.Subset;

/// <summary>
/// Compiles C# sources the way firmware/CarbonEdge.Firmware.Core.Nano does: against nanoFramework.CoreLibrary's
/// mscorlib.dll only (no standard library), with NANOFRAMEWORK_1_0 defined.
/// </summary>
internal static class NanoCompilation
{
    public static string CoreFolder => Path.Combine(RepositoryRoot.Find(), "firmware", "CarbonEdge.Firmware.Core");

    public static string[] CoreSources() =>
        Directory.GetFiles(CoreFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string MscorlibPath()
    {
        string root = typeof(NanoCompilation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;
        string version = XDocument.Load(Path.Combine(RepositoryRoot.Find(), "Directory.Packages.props"))
            .Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == "nanoFramework.CoreLibrary")
            .Attribute("Version")!.Value;
        string path = Path.Combine(root, "nanoframework.corelibrary", version, "lib", "mscorlib.dll");
        Assert.True(File.Exists(path), $"{path} missing: restore firmware/CarbonEdge.Firmware.Core.Nano first");
        return path;
    }

    public static IReadOnlyList<Diagnostic> Errors(IEnumerable<(string Path, string Text)> sources)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["NANOFRAMEWORK_1_0"]);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).ToArray();
        var compilation = CSharpCompilation.Create("NanoSubsetCheck", trees,
            [MetadataReference.CreateFromFile(MscorlibPath())],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
    }

    public static IEnumerable<(string Path, string Text)> Core() => CoreSources().Select(f => (f, File.ReadAllText(f)));
}
