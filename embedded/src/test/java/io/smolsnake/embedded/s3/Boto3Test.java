package io.smolsnake.embedded.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's boto3 (the AWS CLI's library) pointed at the embedded S3; skipped where the host has none. */
class Boto3Test {
    private static final String SCRIPT = """
            import hashlib, os, sys, urllib.request
            import boto3
            from boto3.s3.transfer import TransferConfig
            from botocore.config import Config
            from botocore.exceptions import ClientError

            endpoint, work = sys.argv[1], sys.argv[2]
            s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test",
                              config=Config(s3={"addressing_style": "path"}))
            s3.create_bucket(Bucket="bundles")
            s3.put_object(Bucket="bundles", Key="fn/pylock.toml", Body=b"lock-version = '1.0'\\n",
                          ContentType="application/toml", Metadata={"target": "python3.12"})
            head = s3.head_object(Bucket="bundles", Key="fn/pylock.toml")
            assert head["ContentLength"] == 21, head
            assert head["ETag"] == '"%s"' % hashlib.md5(b"lock-version = '1.0'\\n").hexdigest(), head
            assert head["Metadata"] == {"target": "python3.12"}, head
            assert s3.get_object(Bucket="bundles", Key="fn/pylock.toml", Range="bytes=0-11")["Body"].read() == b"lock-version"

            for key in ["a b+c.txt", "dir/one", "dir/two", "z"]:
                s3.put_object(Bucket="bundles", Key=key, Body=key.encode())
            pages = s3.get_paginator("list_objects_v2").paginate(Bucket="bundles", Delimiter="/", PaginationConfig={"PageSize": 1})
            keys, prefixes = [], []
            for page in pages:
                keys += [o["Key"] for o in page.get("Contents", [])]
                prefixes += [p["Prefix"] for p in page.get("CommonPrefixes", [])]
            assert keys == ["a b+c.txt", "z"], keys
            assert prefixes == ["dir/", "fn/"], prefixes
            v1 = [o["Key"] for page in s3.get_paginator("list_objects").paginate(Bucket="bundles", PaginationConfig={"PageSize": 2})
                  for o in page.get("Contents", [])]
            assert v1 == ["a b+c.txt", "dir/one", "dir/two", "fn/pylock.toml", "z"], v1

            big = os.path.join(work, "big.bin")
            with open(big, "wb") as f:
                f.write(os.urandom(12 * 1024 * 1024 + 17))
            config = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
            s3.upload_file(big, "bundles", "big.bin", Config=config)
            etag = s3.head_object(Bucket="bundles", Key="big.bin")["ETag"]
            assert etag.endswith('-3"'), etag
            back = os.path.join(work, "back.bin")
            s3.download_file("bundles", "big.bin", back, Config=config)
            assert open(big, "rb").read() == open(back, "rb").read()

            s3.copy_object(Bucket="bundles", Key="copy.toml", CopySource={"Bucket": "bundles", "Key": "fn/pylock.toml"})
            assert s3.head_object(Bucket="bundles", Key="copy.toml")["Metadata"] == {"target": "python3.12"}
            url = s3.generate_presigned_url("get_object", Params={"Bucket": "bundles", "Key": "copy.toml"})
            assert urllib.request.urlopen(url).read() == b"lock-version = '1.0'\\n"

            deleted = s3.delete_objects(Bucket="bundles", Delete={"Objects": [{"Key": "z"}, {"Key": "a b+c.txt"}]})
            assert sorted(d["Key"] for d in deleted["Deleted"]) == ["a b+c.txt", "z"], deleted
            try:
                s3.get_object(Bucket="bundles", Key="z")
                raise AssertionError("z still there")
            except ClientError as e:
                assert e.response["Error"]["Code"] == "NoSuchKey", e.response
                assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
            try:
                s3.delete_bucket(Bucket="bundles")
                raise AssertionError("deleted a full bucket")
            except ClientError as e:
                assert e.response["Error"]["Code"] == "BucketNotEmpty", e.response
            print("ok")
            """;

    @TempDir
    Path work;

    @BeforeAll
    static void needsBoto3() throws InterruptedException {
        Assumptions.assumeTrue(run(null, "python3", "-c", "import boto3").exitCode() == 0,
                "skipped: the host's python3 has no boto3");
    }

    @Test
    void boto3ClientAndTransferManagerWorkAgainstTheEndpoint() throws IOException, InterruptedException {
        Path script = Files.writeString(work.resolve("s3_check.py"), SCRIPT);
        try (S3Service service = S3Service.start()) {
            Result result = run(work, "python3", script.toString(), service.endpoint().toString(), work.toString());

            assertEquals(new Result(0, "ok\n"), new Result(result.exitCode(), result.stdout()), result.stderr());
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
        Result(int exitCode, String stdout) {
            this(exitCode, stdout, "");
        }
    }

    private static Result run(Path directory, String... command) throws InterruptedException {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("AWS_"));
            env.put("AWS_CONFIG_FILE", "/dev/null");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            Path errors = Files.createTempFile("boto3-", ".err");
            try {
                builder.redirectError(errors.toFile());
                Process process = builder.start();
                process.getOutputStream().close();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, "", "timed out");
                }
                return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                        Files.readString(errors));
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            return new Result(-1, "", e.toString());
        }
    }
}
