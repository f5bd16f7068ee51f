using Xunit.Abstractions;
using Xunit.Sdk;

namespace Recommend.TestSupport.Data;

/// <summary>Reports a <see cref="SharedDataFactAttribute"/> test whose required data is missing as a failure, with its reason.</summary>
public sealed class SharedDataFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        factAttribute.GetNamedArgument<string?>(nameof(SharedDataFactAttribute.MissingDataError)) is { } error
            ? new ExecutionErrorTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, error)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
}
