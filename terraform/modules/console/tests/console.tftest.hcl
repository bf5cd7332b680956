# The console's front door on a mocked AWS: who may call what, and how the browser signs in.

mock_provider "aws" {
  override_resource {
    target = aws_cognito_user_pool.this
    values = { id = "ap-south-1_AbCdEf123", arn = "arn:aws:cognito-idp:ap-south-1:111122223333:userpool/ap-south-1_AbCdEf123" }
  }
  override_resource {
    target = aws_cognito_user_pool_client.browser
    values = { id = "4example0client0id0abcdef" }
  }
  override_resource {
    target = aws_apigatewayv2_api.this
    values = { id = "abc123", api_endpoint = "https://abc123.execute-api.ap-south-1.amazonaws.com", execution_arn = "arn:aws:execute-api:ap-south-1:111122223333:abc123" }
  }
  override_resource {
    target = aws_apigatewayv2_authorizer.jwt
    values = { id = "auth01" }
  }
  override_resource {
    target = aws_cloudwatch_log_group.access
    values = { arn = "arn:aws:logs:ap-south-1:111122223333:log-group:/aws/apigateway/socar-lake-test-console" }
  }
}

variables {
  name_prefix         = "socar-lake-test"
  region              = "ap-south-1"
  function_name       = "socar-lake-test-console"
  function_invoke_arn = "arn:aws:apigateway:ap-south-1:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-south-1:111122223333:function:socar-lake-test-console/invocations"
  log_kms_key_arn     = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555"
}

run "only_the_pages_and_their_assets_are_open" {
  command = apply

  assert {
    condition = (
      toset(keys(output.routes)) == toset(["GET /", "GET /runs", "GET /quarantine", "GET /sql", "GET /dashboards", "GET /app/{proxy+}", "GET /auth/callback", "$default"]) &&
      alltrue([for k, r in output.routes : r.authorization_type == (k == "$default" ? "JWT" : "NONE")]) &&
      output.routes["$default"].authorizer_id == "auth01"
    )
    error_message = "Only GET of the pages, /app/* and the sign-in callback may be open; everything else, the API included, goes through $default with the JWT authorizer."
  }

  assert {
    condition     = alltrue([for k in keys(output.routes) : !strcontains(k, "/api")])
    error_message = "No route may name /api: the API is reached through $default only, so it always needs a token."
  }
}

run "tokens_are_the_console_pools_for_the_browser_client" {
  command = apply

  assert {
    condition = (
      aws_apigatewayv2_authorizer.jwt.authorizer_type == "JWT" &&
      aws_apigatewayv2_authorizer.jwt.identity_sources == toset(["$request.header.Authorization"]) &&
      aws_apigatewayv2_authorizer.jwt.jwt_configuration[0].issuer == "https://cognito-idp.ap-south-1.amazonaws.com/ap-south-1_AbCdEf123" &&
      aws_apigatewayv2_authorizer.jwt.jwt_configuration[0].audience == toset(["4example0client0id0abcdef"])
    )
    error_message = "The authorizer must take the bearer token from Authorization and accept only tokens the console's user pool issued to the browser client."
  }
}

run "the_browser_is_a_public_client_with_the_code_flow" {
  command = apply

  assert {
    condition = (
      !aws_cognito_user_pool_client.browser.generate_secret &&
      aws_cognito_user_pool_client.browser.allowed_oauth_flows == toset(["code"]) &&
      aws_cognito_user_pool_client.browser.allowed_oauth_flows_user_pool_client &&
      aws_cognito_user_pool_client.browser.callback_urls == toset(["https://abc123.execute-api.ap-south-1.amazonaws.com/auth/callback"]) &&
      aws_cognito_user_pool_client.browser.explicit_auth_flows == toset(["ALLOW_REFRESH_TOKEN_AUTH"]) &&
      aws_cognito_user_pool_client.browser.supported_identity_providers == toset(["COGNITO"])
    )
    error_message = "The browser client must have no secret, use the authorization code flow (PKCE) back to the console's callback only, and no password flow of its own."
  }

  assert {
    condition     = aws_cognito_user_pool.this.admin_create_user_config[0].allow_admin_create_user_only && aws_cognito_user_pool.this.deletion_protection == "ACTIVE"
    error_message = "Nobody may sign up: an administrator adds the console's users; the pool is protected from deletion."
  }
}

run "requests_reach_the_function_as_payload_2_0_from_this_api_only" {
  command = apply

  assert {
    condition = (
      aws_apigatewayv2_integration.console.integration_type == "AWS_PROXY" &&
      aws_apigatewayv2_integration.console.payload_format_version == "2.0" &&
      aws_apigatewayv2_integration.console.timeout_milliseconds <= 30000
    )
    error_message = "The integration must be a Lambda proxy with payload format 2.0 (what LambdaServer's bridge reads), within API Gateway's 30 s."
  }

  assert {
    condition     = aws_lambda_permission.api.principal == "apigateway.amazonaws.com" && aws_lambda_permission.api.source_arn == "arn:aws:execute-api:ap-south-1:111122223333:abc123/*/*"
    error_message = "Only this API may invoke the console's function."
  }
}

run "access_is_logged_encrypted_without_tokens_and_throttled" {
  command = apply

  assert {
    condition     = aws_cloudwatch_log_group.access.kms_key_id == var.log_kms_key_arn && aws_apigatewayv2_stage.default.access_log_settings[0].destination_arn == aws_cloudwatch_log_group.access.arn
    error_message = "The stage must log every request to the access log group, encrypted with the lake key."
  }

  assert {
    condition     = !strcontains(lower(aws_apigatewayv2_stage.default.access_log_settings[0].format), "header") && !strcontains(lower(aws_apigatewayv2_stage.default.access_log_settings[0].format), "authorization")
    error_message = "The access log must not record headers (the bearer token is one)."
  }

  assert {
    condition     = aws_apigatewayv2_stage.default.default_route_settings[0].throttling_rate_limit == 20 && aws_apigatewayv2_stage.default.default_route_settings[0].throttling_burst_limit == 40
    error_message = "The stage must throttle by default (20 requests/s, bursts of 40)."
  }
}

run "a_page_under_api_is_refused" {
  command = plan

  variables {
    pages = ["/", "/api"]
  }

  expect_failures = [var.pages]
}
