# Who may use the console: people an administrator adds to the user pool (nobody signs up), signing in on Cognito's
# hosted page. The browser is a public client (no secret can be kept in a page), so it uses the authorization code
# flow with PKCE and sends the access token as a bearer token to /api/*, where API Gateway's JWT authorizer checks it.

resource "aws_cognito_user_pool" "this" {
  name                     = "${var.name_prefix}-console-users"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = "OPTIONAL"
  deletion_protection      = "ACTIVE"

  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  software_token_mfa_configuration {
    enabled = true
  }

  password_policy {
    minimum_length                   = 14
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  tags = var.tags
}

resource "aws_cognito_user_pool_domain" "this" {
  domain       = coalesce(var.auth_domain_prefix, "${var.name_prefix}-console")
  user_pool_id = aws_cognito_user_pool.this.id
}

resource "aws_cognito_user_pool_client" "browser" {
  name         = "${var.name_prefix}-console-browser"
  user_pool_id = aws_cognito_user_pool.this.id

  # A public client: no secret, the code flow only (PKCE), back to the console's own callback page.
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = ["${aws_apigatewayv2_api.this.api_endpoint}/auth/callback"]
  logout_urls                          = ["${aws_apigatewayv2_api.this.api_endpoint}/"]
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 12

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "hours"
  }
}
