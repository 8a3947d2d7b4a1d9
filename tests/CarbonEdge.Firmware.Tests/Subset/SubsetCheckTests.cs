using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CarbonEdge.Firmware.Tests.Subset;

/// <summary>
/// The Nano build's check is live: the core compiles against nanoFramework's mscorlib, and the same compilation with
/// one throwaway file that uses what the device lacks fails. Generic declarations, which that compiler still accepts
/// but the device's runtime does not support, are caught by a syntax scan.
/// </summary>
public sealed class SubsetCheckTests
{
    [Fact]
    public void Core_compiles_against_the_nanoFramework_mscorlib()
    {
        var errors = NanoCompilation.Errors(NanoCompilation.Core());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [InlineData("System.Collections.Generic.List<int> Values = new System.Collections.Generic.List<int>();", "CS0234")]
    [InlineData("System.Span<byte> Bytes(byte[] b) => b;", "CS0234")]
    [InlineData("string Text() => new System.Text.StringBuilder().ToString();", "CS0234")]
    [InlineData("int Count(int[] a) => System.Linq.Enumerable.Count(a);", "CS0234")]
    [InlineData("async System.Threading.Tasks.Task Wait() { }", "CS0234")]
    [InlineData("byte[] Bytes(string s) => System.Text.Encoding.UTF8.GetBytes(s);", "CS0234")]
    public void A_throwaway_file_using_what_the_device_lacks_fails(string member, string expected)
    {
        string throwaway = $"namespace Throwaway {{ public sealed class Uses {{ public {member} }} }}";
        var errors = NanoCompilation.Errors(NanoCompilation.Core().Append(("Throwaway.cs", throwaway)));
        Assert.Contains(errors, e => e.Id == expected && e.Location.SourceTree!.FilePath == "Throwaway.cs");
    }

    [Fact]
    public void Core_declares_and_uses_no_generics()
    {
        var found = NanoCompilation.Core().SelectMany(s => GenericSyntax(s.Path, s.Text)).ToArray();
        Assert.True(found.Length == 0, "generics are not supported by nanoFramework 1.17 on the device:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_generics_guard_finds_a_generic_type_method_and_use()
    {
        const string sample = "class Box<T> { T Get<U>() => default!; object o = new System.Collections.ArrayList(); Wrapper<int> w; }";
        Assert.Equal(3, GenericSyntax("Sample.cs", sample).Count());
    }

    private static IEnumerable<string> GenericSyntax(string path, string text)
    {
        var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(preprocessorSymbols: ["NANOFRAMEWORK_1_0"]), path).GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            if (node is TypeParameterListSyntax or GenericNameSyntax)
                yield return $"{path}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {node.Parent}";
        }
    }
}
