package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecutionsTest {

    @Test
    void theConsoleLinkNamesTheExecutionsRegion() {
        String arn = "arn:aws:states:eu-west-1:123456789012:execution:smolsnake-pipeline:deploy-fn-abc";

        assertEquals("https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1"
                + "#/v2/executions/details/" + arn, Executions.consoleLink(arn));
    }

    @ParameterizedTest
    @CsvSource({
            "not-an-arn",
            "arn:aws-cn:states:cn-north-1:123456789012:execution:m:e",
            "arn:aws:lambda:us-east-1:123456789012:function:f",
    })
    void thereIsNoConsoleLinkForWhatIsNotAnAwsExecution(String arn) {
        assertNull(Executions.consoleLink(arn));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "-,                                            true",
            "https://states.eu-west-1.amazonaws.com,       true",
            "http://127.0.0.1:4566,                        false",
    })
    void stepFunctionsIsAwsOwnUnlessAnEndpointPointsElsewhere(String endpoint, boolean aws) {
        Map<String, String> env = endpoint == null ? Map.of() : Map.of("AWS_ENDPOINT_URL_SFN", endpoint);

        assertEquals(aws, new AwsClients(env).awsStepFunctions());
    }

    @Test
    void theGeneralEndpointVariableCountsForStepFunctionsToo() {
        assertEquals(false, new AwsClients(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566")).awsStepFunctions());
    }
}
